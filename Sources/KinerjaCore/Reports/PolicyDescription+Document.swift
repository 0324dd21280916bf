/// The building blocks of a policy description, independent of the output format: the description is built
/// once as blocks, and each format renders the same blocks.
extension PolicyDescription {
    /// Inline text: plain words, with source text (names, expressions, thresholds) marked as code.
    struct Phrase: Equatable, ExpressibleByStringLiteral {
        enum Span: Equatable {
            case plain(String)
            case code(String)
        }

        var spans: [Span]

        init(_ text: String) {
            spans = [.plain(text)]
        }

        init(stringLiteral text: String) {
            self.init(text)
        }

        private init(spans: [Span]) {
            self.spans = spans
        }

        static func code(_ text: String) -> Phrase {
            Phrase(spans: [.code(text)])
        }

        /// Source text as written, as code on one line: each line break, with the spaces around it, becomes one space.
        static func source(_ text: String) -> Phrase {
            let lines = text.split(separator: "\n").map { line in
                line.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed()
            }
            return code(lines.map { String($0) }.joined(separator: " "))
        }

        static func + (lhs: Phrase, rhs: Phrase) -> Phrase {
            Phrase(spans: lhs.spans + rhs.spans)
        }

        /// The phrases one after another, with `separator` between them.
        static func joined(_ phrases: [Phrase], separator: String) -> Phrase {
            Phrase(spans: phrases.enumerated().flatMap { index, phrase in
                index == 0 ? phrase.spans : [.plain(separator)] + phrase.spans
            })
        }

        /// The text without marking.
        var plainText: String {
            spans.map { span in
                switch span {
                case .plain(let text), .code(let text): text
                }
            }.joined()
        }
    }

    /// One block of the description.
    enum Block: Equatable {
        /// A heading; level 1 is the title.
        case heading(level: Int, Phrase)
        case paragraph(Phrase)
        /// Labelled values, such as "Pemilik: BKPSDM".
        case fields([Field])
        case bullets([Phrase])
        case table(header: [String], rows: [[Phrase]])
    }

    /// A labelled value in a `fields` block.
    struct Field: Equatable {
        var label: String
        var value: Phrase
    }
}

/// The layout of bands, matrices and tables, whose lines are aligned in columns.
extension FormatWriter {
    // MARK: - bands

    /// Arms with their `->` in one column: `>= 110%   -> above` over `otherwise -> below`.
    mutating func writeBands(_ bands: BandsDeclaration, prefix: String, range: SourceRange, before limit: Int) {
        let heading = prefix + "bands " + bands.name.name + "(" + Self.parameter(bands.parameter) + ") -> "
            + ExpressionLayout.type(bands.resultType)
        let conditions = bands.arms.map { Self.condition($0.condition) }
        let width = conditions.map(\.count).max() ?? 0
        let arms = bands.arms
        writeBlock(heading, indent: 0, range: range, firstItemStart: arms.first?.range.start.utf8Offset,
                   before: limit) { writer, indent in
            writer.writeItems(Array(zip(arms, conditions)), indent: indent, blockEnd: range.end.utf8Offset - 1,
                              range: { $0.0.range }) { arm, condition in
                .text(Self.padded(condition, to: width) + " -> " + ExpressionLayout.armResult(arm.result).flatText)
            }
        }
    }

    private static func condition(_ condition: BandArm.Condition) -> String {
        switch condition {
        case .atLeast(let threshold): ">= " + flat(threshold)
        case .above(let threshold): "> " + flat(threshold)
        case .atMost(let threshold): "<= " + flat(threshold)
        case .below(let threshold): "< " + flat(threshold)
        case .range(let lower, let upper): flat(lower) + " ..< " + flat(upper)
        case .otherwise: "otherwise"
        }
    }

    // MARK: - matrix

    /// The column members over the cells, every column as wide as its widest cell, rows as `member  |  cells`.
    mutating func writeMatrix(_ matrix: MatrixDeclaration, prefix: String, range: SourceRange, before limit: Int) {
        let heading = prefix + "matrix " + matrix.name.name + "(" + Self.parameter(matrix.row) + ", "
            + Self.parameter(matrix.column) + ") -> " + ExpressionLayout.type(matrix.resultType)
        let memberWidth = matrix.rows.map(\.member.name.count).max() ?? 0
        let grid = [matrix.columns.map(\.name)] + matrix.rows.map { $0.cells.map(Self.flat) }
        let alignedGrid = Self.alignedColumns(grid)
        let columnsLine = String(repeating: " ", count: memberWidth + 5) + alignedGrid[0]
        let rowLines = zip(matrix.rows, alignedGrid.dropFirst()).map { row, cells in
            Self.padded(row.member.name, to: memberWidth) + "  |  " + cells
        }
        let rows = matrix.rows
        let columns = matrix.columns
        let closingBrace = range.end.utf8Offset - 1
        writeBlock(heading, indent: 0, range: range, firstItemStart: columns.first?.range.start.utf8Offset,
                   before: limit) { writer, indent in
            if let first = columns.first, let last = columns.last {
                writer.writeLine(.text(columnsLine), indent: indent, range: first.range.union(last.range),
                                 before: rows.first?.range.start.utf8Offset ?? closingBrace)
            }
            writer.writeItems(Array(zip(rows, rowLines)), indent: indent, blockEnd: closingBrace,
                              range: { $0.0.range }, layout: { .text($0.1) })
        }
    }

    // MARK: - table

    /// Patterns in columns and the `->` of every rule in one column.
    mutating func writeTable(_ table: TableDeclaration, prefix: String, range: SourceRange, before limit: Int) {
        let parameters = table.parameters.map(Self.parameter).joined(separator: ", ")
        let heading = prefix + "table " + table.name.name + "(" + parameters + ") -> "
            + ExpressionLayout.type(table.resultType)
        let cells = table.rules.map { rule in
            rule.patterns.enumerated().map { index, pattern in
                Self.pattern(pattern) + (index + 1 < rule.patterns.count ? "," : "")
            }
        }
        let columnCount = cells.map(\.count).max() ?? 0
        let widths = (0..<columnCount).map { column in
            cells.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
        }
        let patternTexts = cells.map { row in
            row.enumerated().map { column, cell in
                column + 1 < row.count ? Self.padded(cell, to: widths[column]) + " " : cell
            }.joined()
        }
        let width = patternTexts.map(\.count).max() ?? 0
        let rules = table.rules
        writeBlock(heading, indent: 0, range: range, firstItemStart: rules.first?.range.start.utf8Offset,
                   before: limit) { writer, indent in
            writer.writeItems(Array(zip(rules, patternTexts)), indent: indent, blockEnd: range.end.utf8Offset - 1,
                              range: { $0.0.range }) { rule, patterns in
                .text(Self.padded(patterns, to: width) + " -> " + Self.flat(rule.result))
            }
        }
    }

    private static func pattern(_ pattern: Pattern) -> String {
        switch pattern.kind {
        case .member(let name): name.name
        case .members(let names): "{" + names.map(\.name).joined(separator: ", ") + "}"
        case .boolean(let value): value ? "true" : "false"
        case .any: "_"
        }
    }

    // MARK: - Pieces

    static func parameter(_ parameter: Parameter) -> String {
        parameter.name.name + ": " + ExpressionLayout.type(parameter.type)
    }

    /// An expression on one line, for aligned layouts.
    static func flat(_ expression: Expression) -> String {
        ExpressionLayout.document(expression).flatText
    }
}

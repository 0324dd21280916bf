/// The methods that evaluate records: `eval` (many records, results as `kinerja eval` writes them) and
/// `explain` (one record, the explanation `kinerja explain` prints).
extension Service {
    /// `eval`: `{"results":[…],"errors":N}`, plus `"explanations":[…]` when `explain` is true.
    mutating func evaluate(_ params: DataValue?) throws(ServiceError) -> [UInt8] {
        let params = try RequestParameters(params, allowed: Self.policyParameters + ["records", "explain"])
        let items = try params.required("records", RequestParameters.array)
        if let most = limits.maxRecords, items.count > most {
            throw .invalidParams("\(items.count) records in one request, more than the limit of \(most) (--max-records)",
                                 parameter: "records")
        }
        let explain = try params.boolean("explain") ?? false
        let compiled = try policy(params)
        let renderer = ExplainRenderer(policy: compiled.policy)
        var results: [UInt8] = [UInt8(ascii: "[")]
        var explanations: [String] = []
        var errors = 0
        for (index, item) in items.enumerated() {
            let result = compiled.evaluator.evaluate(Self.record(item, number: index + 1), in: compiled.frame,
                                                     tracing: explain)
            if case .failure = result.outcome { errors += 1 }
            if index > 0 { results.append(UInt8(ascii: ",")) }
            compiled.writer.appendJSON(result, to: &results)
            if explain { explanations.append(renderer.render(result, frame: compiled.frame)) }
        }
        results.append(UInt8(ascii: "]"))
        var object = JSONObjectWriter()
        object.raw("results", results)
        object.integer("errors", errors)
        if explain { object.strings("explanations", explanations) }
        return object.bytes
    }

    /// `explain`: `{"result":{…},"text":"…"}` for the one record given.
    mutating func explain(_ params: DataValue?) throws(ServiceError) -> [UInt8] {
        let params = try RequestParameters(params, allowed: Self.policyParameters + ["record"])
        let record = try params.required("record", RequestParameters.object)
        let compiled = try policy(params)
        let result = compiled.evaluator.evaluate(Self.record(.object(record), number: 1), in: compiled.frame,
                                                 tracing: true)
        var line: [UInt8] = []
        compiled.writer.appendJSON(result, to: &line)
        var object = JSONObjectWriter()
        object.raw("result", line)
        object.string("text", ExplainRenderer(policy: compiled.policy).render(result, frame: compiled.frame))
        return object.bytes
    }

    /// The `number`th record of a request. All records come on the request's one line, so their line is 1; an
    /// element that is not an object is a record error, as in a data file.
    private static func record(_ item: DataValue, number: Int) -> DataRecord {
        guard case .object(let object) = item else {
            let problem = DataProblem.notAnObject(found: JSONParser.kind(of: item))
            return DataRecord(number: number, line: 1, content: .failure(
                DataError(code: problem.code, message: problem.message, line: 1)))
        }
        return DataRecord(number: number, line: 1, content: .success(object))
    }
}

import Testing
@testable import KinerjaCore

@Suite struct DataModelTests {
    @Test(arguments: [
        ("data.json", DataFormat.json), ("x/y/DATA.JSONL", .jsonl), ("a.ndjson", .jsonl), ("sheet.Csv", .csv),
        ("archive.tar.json", .json),
    ])
    func formatFromPath(path: String, format: DataFormat) {
        #expect(DataFormat.inferred(fromPath: path) == format)
    }

    @Test(arguments: ["data", "data.txt", "dir.json/file", ".json", "data."])
    func noFormatFromPath(path: String) {
        #expect(DataFormat.inferred(fromPath: path) == nil)
    }

    @Test func objectLooksUpMembersByKey() {
        let object = DataObject(members: [DataMember(key: "a", value: .number("1")), DataMember(key: "b", value: .null)])
        #expect(object.value(for: "a") == .number("1"))
        #expect(object.value(for: "b") == .null)
        #expect(object.value(for: "c") == nil)
    }

    @Test func errorCodesAreNumberedInOrder() {
        let codes = DataErrorCode.allCases.map(\.rawValue)
        #expect(codes == (1...codes.count).map { "D" + String(repeating: "0", count: 3 - String($0).count) + String($0) })
    }

    @Test func defaultLimits() {
        #expect(DataLimits.default == DataLimits(maxDepth: 64, maxRecordBytes: 16 << 20, maxRecords: nil))
    }
}

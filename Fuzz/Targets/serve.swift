import Foundation
@testable import KinerjaCore

/// Fuzz target `serve`: any bytes as a session of `kinerja serve`, split into lines the way the transport splits
/// them (at `\n`, a `\r` before it dropped). Every line gets exactly one response, or none when it is blank or a
/// notification; every response is one line of valid UTF-8 that the project's own JSON parser reads back as a
/// JSON-RPC 2.0 response object.
///
/// The service answers for a root in /tmp holding copies of Rules/nasional.rules and Policies/plaju.policy. It
/// is warmed once (plaju compiled) and copied for each input, so that no input depends on an earlier one.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: FuzzArguments) -> CInt {
    Fuzz.prepare { _ = ServeFuzz.warm }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var service = ServeFuzz.warm
    var lineStart = 0
    var index = 0
    while index <= bytes.count {
        guard index == bytes.count || bytes[index] == UInt8(ascii: "\n") else {
            index += 1
            continue
        }
        if index == bytes.count && lineStart == index { break }
        var end = index
        if index < bytes.count, end > lineStart, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = bytes[lineStart..<end]
        ServeFuzz.checkAnswer(service.handle(line), to: line)
        lineStart = index + 1
        index += 1
    }
    return 0
}

enum ServeFuzz {
    /// A root folder made once per process.
    static let root: String = {
        let root = NSTemporaryDirectory() + "kinerja-fuzz-serve-\(getpid())"
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: root + "/Rules", withIntermediateDirectories: true)
            try manager.createDirectory(atPath: root + "/Policies", withIntermediateDirectories: true)
        } catch {
            fatalError("fuzz harness: cannot make \(root): \(error)")
        }
        guard manager.createFile(atPath: root + "/Rules/nasional.rules", contents: Data(Fuzz.nasional.bytes)),
              manager.createFile(atPath: root + "/Policies/plaju.policy", contents: Data(Fuzz.plaju.bytes))
        else { fatalError("fuzz harness: cannot write the root's files") }
        return root
    }()

    /// A service with plaju already compiled.
    nonisolated(unsafe) static let warm: Service = {
        var service = Service(root: root)
        let warmUp = #"{"jsonrpc":"2.0","id":0,"method":"describe","params":{"policy":"plaju"}}"#
        guard let response = service.handle(Array(warmUp.utf8)[...]),
              String(decoding: response, as: UTF8.self).contains(#""result""#)
        else { fatalError("fuzz harness: the service does not answer for plaju") }
        return service
    }()

    static func checkAnswer(_ response: [UInt8]?, to line: ArraySlice<UInt8>) {
        guard let response else {
            checkSilence(line)
            return
        }
        fuzzCheck(!response.contains(UInt8(ascii: "\n")) && !response.contains(UInt8(ascii: "\r")),
                  "response is not one line: \(String(decoding: response, as: UTF8.self))")
        fuzzCheck(Fuzz.isValidUTF8(response), "response is not valid UTF-8: \(response)")
        var workspace = JSONParser.Workspace()
        let parsed = response.withUnsafeBufferPointer {
            JSONParser.parseRecord($0, range: 0..<$0.count, maxDepth: 10_000, workspace: &workspace)
        }
        guard case .record(let object) = parsed else {
            fuzzFailure("response is not a JSON object: \(parsed)\n\(String(decoding: response, as: UTF8.self))")
        }
        fuzzCheck(object.value(for: "jsonrpc") == .string("2.0"), "response without jsonrpc 2.0")
        fuzzCheck(object.value(for: "id") != nil, "response without id")
        fuzzCheck((object.value(for: "result") == nil) != (object.value(for: "error") == nil),
                  "response needs exactly one of result and error")
    }

    /// No response: the line must be blank, or a JSON object without `id` (checked with Foundation's parser,
    /// independent of the service's own).
    static func checkSilence(_ line: ArraySlice<UInt8>) {
        let isBlank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        if isBlank { return }
        guard let object = try? JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed]) else {
            fuzzFailure("no response to a line Foundation cannot parse: \(String(decoding: line, as: UTF8.self))")
        }
        guard let dictionary = object as? [String: Any] else {
            fuzzFailure("no response to a non-object line: \(String(decoding: line, as: UTF8.self))")
        }
        fuzzCheck(dictionary["id"] == nil, "no response to a request with an id: \(String(decoding: line, as: UTF8.self))")
    }
}

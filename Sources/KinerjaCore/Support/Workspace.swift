#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The folders kinerja reads from: rule libraries in `<root>/Rules`, policies in `<root>/Policies`. Files are
/// found by name only, and a path that resolves (through symbolic links) outside the root is refused, so a
/// policy can never reach other files.
public struct Workspace: Sendable {
    public let root: String

    public init(root: String = ".") {
        self.root = root
    }

    /// Where a rules library or policy of this name lives.
    public func path(of kind: FileKind, named name: String) -> String {
        kind == .rules ? "\(root)/Rules/\(name).rules" : "\(root)/Policies/\(name).policy"
    }

    /// The file a name reaches, or nil: the name must be plain (letters, digits, `_`, `-`) and its file must
    /// exist and resolve, through any symbolic links, to a file inside the root. Every lookup by name (`uses`,
    /// `extends`, the policy of a test file, the service's `policy` and `list`) goes through here.
    public func file(of kind: FileKind, named name: String) -> String? {
        guard Self.isPlainName(name) else { return nil }
        let path = path(of: kind, named: name)
        return contains(path) ? path : nil
    }

    /// The source a name reaches, read from the file as opened: nil when `file(of:named:)` refuses the name or
    /// the file opened is not inside the root after all (a link swapped in after the check).
    public func source(of kind: FileKind, named name: String) throws(FileSystem.ReadError) -> SourceFile? {
        guard let path = file(of: kind, named: name) else { return nil }
        // O_NONBLOCK: opening a FIFO planted under the name must not wait for a writer.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw FileSystem.ReadError(path: path, reason: FileSystem.systemReason()) }
        defer { close(descriptor) }
        // The descriptor names the file actually opened, whatever happened to the path since the check; a file
        // that cannot be named so (deleted meanwhile) is refused.
        guard let opened = FileSystem.realPath("/proc/self/fd/\(descriptor)"), contains(opened) else { return nil }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            let kind = (status.st_mode & S_IFMT) == S_IFDIR ? "is a directory" : "is not a regular file"
            throw FileSystem.ReadError(path: path, reason: kind)
        }
        return SourceFile(path: FileSystem.displayPath(path), bytes: try FileSystem.read(descriptor: descriptor, name: path))
    }

    /// A loader that finds modules inside this workspace only.
    public var loader: ModuleLoader {
        let workspace = self
        return ModuleLoader { kind, name in (try? workspace.source(of: kind, named: name)) ?? nil }
    }

    /// Whether `path` resolves to a file inside the root.
    public func contains(_ path: String) -> Bool {
        guard let resolvedRoot = FileSystem.realPath(root), let resolved = FileSystem.realPath(path) else {
            return false
        }
        return resolved == resolvedRoot || resolved.hasPrefix(resolvedRoot + "/")
    }

    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-")
        }
    }
}

/// Reading files and listing folders with plain system calls.
public enum FileSystem {
    /// A file could not be read; the message names the path and the system's reason.
    public struct ReadError: Error, Sendable, Equatable {
        public var path: String
        public var reason: String
        public var message: String { "cannot read '\(path)': \(reason)" }
    }

    public static let maximumSourceBytes = 16 << 20

    /// The whole file, for sources (policies, rules, tests); bounded by `limit` bytes.
    public static func read(_ path: String, limit: Int = maximumSourceBytes) throws(ReadError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ReadError(path: path, reason: systemReason()) }
        defer { close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            throw ReadError(path: path, reason: "is a directory")
        }
        return try read(descriptor: descriptor, name: path, limit: limit)
    }

    /// Everything readable from an open descriptor (a file or standard input), bounded by `limit` bytes.
    public static func read(descriptor: Int32, name: String, limit: Int = maximumSourceBytes) throws(ReadError) -> [UInt8] {
        let path = name
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError(path: path, reason: systemReason())
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { throw ReadError(path: path, reason: "larger than \(limit >> 20) MiB") }
        }
        return bytes
    }

    /// Replaces a file's contents atomically: writes a temporary file beside it, then renames it over the old one.
    public static func write(_ bytes: [UInt8], to path: String) throws(ReadError) {
        let temporary = path + ".kinerja-tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw ReadError(path: path, reason: systemReason()) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else {
                let reason = systemReason()
                close(descriptor)
                unlink(temporary)
                throw ReadError(path: path, reason: reason)
            }
            offset += written
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let reason = systemReason()
            unlink(temporary)
            throw ReadError(path: path, reason: reason)
        }
    }

    /// The files under `path` (recursively, sorted) whose names end in one of `extensions`; `path` itself
    /// when it is a file. A folder reached twice (through a symbolic link) is listed once, so a link to a
    /// folder above cannot make the walk endless.
    public static func files(under path: String, extensions: [String]) -> [String] {
        var visited: Set<FolderIdentity> = []
        return files(under: path, extensions: extensions, visited: &visited)
    }

    /// A folder's device and inode numbers.
    private struct FolderIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    private static func files(under path: String, extensions: [String], visited: inout Set<FolderIdentity>) -> [String] {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else { return [path] }
        guard visited.insert(FolderIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))).inserted else {
            return []
        }
        var result: [String] = []
        for name in entries(of: path) {
            let child = path.hasSuffix("/") ? path + name : path + "/" + name
            if isDirectory(child) {
                result += files(under: child, extensions: extensions, visited: &visited)
            } else if extensions.contains(where: { name.hasSuffix("." + $0) }) {
                result.append(child)
            }
        }
        return result
    }

    /// The names in a folder, sorted, without `.`, `..` and hidden names; empty when it cannot be read.
    public static func entries(of path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        return names.sorted()
    }

    public static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    public static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A path without a leading "./", as diagnostics show it.
    static func displayPath(_ path: String) -> String {
        path.hasPrefix("./") ? String(path.dropFirst(2)) : path
    }

    /// The system's reason for the last failure, lower-case like every kinerja message.
    static func systemReason() -> String {
        let reason = String(cString: strerror(errno))
        return reason.prefix(1).lowercased() + reason.dropFirst()
    }
}

/// What a rules library offers to the files that use it: its scales and its checked bands, matrices and tables.
struct LibraryContent {
    var scales: [String: Scale] = [:]
    var bands: [String: CheckedBands] = [:]
    var matrices: [String: CheckedMatrix] = [:]
    var tables: [String: CheckedTable] = [:]
    var signatures: [String: FunctionSignature] = [:]
}

/// The inputs and result of a bands, matrix or table declaration, as seen by a call.
struct FunctionSignature {
    enum Kind {
        case bands
        case matrix
        case table
    }

    var kind: Kind
    var parameters: [ValueType]
    var result: ValueType
}

/// A function a policy can call, resolved to its place in the policy's tables.
struct FunctionReference {
    var signature: FunctionSignature
    var index: Int
}

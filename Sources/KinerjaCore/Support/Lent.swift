/// Objects kept alive here and lent by position to a hot loop without counting a reference. Taking an object (or
/// a closure) out of an array retains it and releases it again around every use, and those atomic operations were
/// a tenth of the evaluation time.
struct Lent<Object: AnyObject & Sendable>: Sendable {
    private let objects: [Object]
    /// The same objects, unretained: `objects` keeps them alive.
    private let unretained: [Unmanaged<Object>]

    init(_ objects: [Object]) {
        self.objects = objects
        unretained = objects.map { Unmanaged.passUnretained($0) }
    }

    var count: Int { objects.count }
    var indices: Range<Int> { objects.indices }

    /// `body` with the object at `index`.
    @inline(__always)
    func with<Result>(_ index: Int, _ body: (Object) -> Result) -> Result {
        unretained[index]._withUnsafeGuaranteedRef(body)
    }
}

/// A fixed number of slots of one frame, read and written in place through a pointer.
///
/// A frame belongs to one thread at a time, so its slots need none of the run-time exclusivity checks that
/// a class's array properties cost on every access. The frame that allocates the slots frees them.
public struct FrameSlots<Element> {
    private let base: UnsafeMutablePointer<Element>
    public let count: Int

    init(repeating value: Element, count: Int) {
        base = .allocate(capacity: Swift.max(count, 1))
        base.initialize(repeating: value, count: count)
        self.count = count
    }

    public subscript(index: Int) -> Element {
        unsafeAddress { address(of: index) }
        nonmutating unsafeMutableAddress {
            precondition(index >= 0 && index < count, "slot out of range")
            return base + index
        }
    }

    /// Where slot `index` is, to read it in place.
    func address(of index: Int) -> UnsafePointer<Element> {
        precondition(index >= 0 && index < count, "slot out of range")
        return UnsafePointer(base + index)
    }

    /// Sets every slot to `value`.
    func fill(with value: Element) {
        for index in 0..<count { base[index] = value }
    }

    func free() {
        base.deinitialize(count: count)
        base.deallocate()
    }
}

extension FrameSlots: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
}

/// A policy's outputs as they lie in a frame's value slots, read in place rather than copied (`ResultWriter` matches
/// each where it is).
struct FrameOutputs: RandomAccessCollection {
    let values: FrameSlots<Value>
    let slots: [Int]

    var startIndex: Int { 0 }
    var endIndex: Int { slots.count }

    subscript(position: Int) -> Value {
        unsafeAddress { values.address(of: slots[position]) }
    }
}

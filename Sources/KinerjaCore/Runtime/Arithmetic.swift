/// The four arithmetic operators on exact numbers, shared by constant folding and evaluation.
enum Arithmetic {
    static func apply(_ op: ArithmeticOperator, _ a: Number, _ b: Number) throws(NumberError) -> Number {
        switch op {
        case .add: try a.adding(b)
        case .subtract: try a.subtracting(b)
        case .multiply: try a.multiplied(by: b)
        case .divide: try a.divided(by: b)
        }
    }
}

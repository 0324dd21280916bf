/// The four arithmetic operators on exact numbers, shared by constant folding and evaluation (on `Number`s, and on
/// `ExactNumber`s when that overflows).
enum Arithmetic {
    static func apply<T: ExactArithmetic>(_ op: ArithmeticOperator, _ a: T, _ b: T) throws(NumberError) -> T {
        switch op {
        case .add: try a.adding(b)
        case .subtract: try a.subtracting(b)
        case .multiply: try a.multiplied(by: b)
        case .divide: try a.divided(by: b)
        }
    }
}

/// The greatest common divisors of all pairs of numbers below `bound`, computed once: most fractions of a
/// policy have small parts, and a look-up costs no branch that depends on the values.
enum SmallDivisors {
    /// Both operands must be below this.
    static let bound = 128

    /// gcd(a, b) for `a` and `b` in `0..<bound`, with gcd(0, b) == b.
    @inline(__always)
    static func gcd(_ a: Int, _ b: Int) -> UInt8 {
        table[a &* bound &+ b]
    }

    /// Row `a`, column `b`: 16 KiB, made once and kept for the life of the process.
    /// Written only while it is made (once, under the runtime's lock for globals), then only read.
    nonisolated(unsafe) private static let table: UnsafeMutablePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: bound * bound)
        for a in 0..<bound {
            for b in 0..<bound {
                var (x, y) = (a, b)
                while y != 0 { (x, y) = (y, x % y) }
                table[a * bound + b] = UInt8(x)
            }
        }
        return table
    }()
}

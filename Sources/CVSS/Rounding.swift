/// The roundings the CVSS specifications prescribe, made robust against binary floating point.
enum Rounding {
    /// CVSS v3.1 `Roundup` (specification appendix A): the smallest number with one decimal that
    /// is equal to or higher than `value`, after first rounding to five decimals so that
    /// floating-point noise (4.000000000000001) does not push a score up by 0.1.
    static func roundUp(_ value: Double) -> Double {
        let integer = (value * 100_000).rounded()
        if integer.truncatingRemainder(dividingBy: 10_000) == 0 {
            return integer / 100_000
        }
        return ((integer / 10_000).rounded(.down) + 1) / 10
    }

    /// Rounds to one decimal, halves away from zero, deciding on the exact binary value of
    /// `value` (as Python's `Decimal(value).quantize(Decimal("0.1"), ROUND_HALF_UP)` does).
    ///
    /// `value * 10` is inexact; `fma` recovers its exact rounding error, which decides the
    /// rare case where the product lands exactly on a half.
    static func halfUpExact(_ value: Double) -> Double {
        guard value.isFinite, value >= 0 else { return value.isFinite ? -halfUpExact(-value) : 0 }
        let product = value * 10
        let error = (-product).addingProduct(value, 10)
        let whole = product.rounded(.down)
        let fraction = product - whole
        let roundUp = fraction > 0.5 || (fraction == 0.5 && error >= 0)
        return (roundUp ? whole + 1 : whole) / 10
    }

    /// Rounds to one decimal, halves up, after first rounding to ten decimals to absorb
    /// floating-point noise of formulas whose exact values have few decimals (CVSS v2).
    static func halfUp(_ value: Double) -> Double {
        let tenDecimals = (value * 1e10).rounded()
        return ((tenDecimals / 1e9 + 0.5).rounded(.down)) / 10
    }
}

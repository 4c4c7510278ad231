import Versions

/// Every version scheme must be a total order on the strings it accepts, with one corner the reference
/// ordering itself leaves non-transitive (see VersionsTests/OrderPropertyTests): Packagist's `#`, which
/// `version_compare` equals to any number. (apk versions apk-tools refuses now throw instead of being
/// compared as strings, and Maven since MNG-7644 reads `.sp` as `-sp`, which removed the other two.)
enum VersionTargets {
    /// The input is split into three lines a, b, c; for every scheme accepting all three:
    /// reflexivity, antisymmetry, transitivity of ≤, and transitivity of equality.
    static func order(_ bytes: [UInt8]) {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 3 else { return }
        let (a, b, c) = (lines[0], lines[1], lines[2])
        for scheme in VersionScheme.allCases {
            guard let ab = try? scheme.compare(a, b), let ba = try? scheme.compare(b, a),
                  let bc = try? scheme.compare(b, c), let ac = try? scheme.compare(a, c),
                  let aa = try? scheme.compare(a, a) else { continue }
            if scheme == .packagist, [a, b, c].contains(where: { $0.contains("#") }) { continue }
            let context = "\(scheme): a=\(a.debugDescription) b=\(b.debugDescription) c=\(c.debugDescription)"
            FuzzCheck.require(aa == 0, "\(context): a is not equal to itself")
            FuzzCheck.require(ab.signum() == -ba.signum(), "\(context): compare(a,b)=\(ab) but compare(b,a)=\(ba)")
            if ab <= 0, bc <= 0 { FuzzCheck.require(ac <= 0, "\(context): a≤b, b≤c but a>c") }
            if ab >= 0, bc >= 0 { FuzzCheck.require(ac >= 0, "\(context): a≥b, b≥c but a<c") }
            if ab == 0, bc == 0 { FuzzCheck.require(ac == 0, "\(context): a=b, b=c but a≠c") }
        }
    }
}

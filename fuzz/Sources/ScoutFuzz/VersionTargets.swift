import Versions

/// Every version scheme must be a total order on the strings it accepts, with the two corners the
/// reference orderings themselves leave non-transitive (see VersionsTests/OrderPropertyTests): apk
/// versions with unparsed trailing text compare as plain strings among themselves (`apk version -t`;
/// the fuzzer finds "B" > "8[" > "u" > "B" at once), Maven's `.` qualifiers after release against `-`
/// lists ("1.sp" < "1-alpha" < "1" < "1.sp", as `ComparableVersion` orders them), and Packagist's `#`,
/// which equals any number.
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
            if scheme == .apk, [a, b, c].contains(where: { (try? ApkVersion($0).hasUnparsedText) ?? true }) { continue }
            if scheme == .maven, [a, b, c].contains(where: { (try? MavenVersion($0).hasDotQualifierAfterRelease) ?? true }) { continue }
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

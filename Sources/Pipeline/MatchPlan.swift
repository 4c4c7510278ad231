import ScoutModel
import Store

/// What an incremental re-evaluation matches: images matched whole (not evaluated by the last run,
/// saved since, or with evaluation warnings), and images matched in part: only their packages that
/// look up a match key whose advisories changed since the last run read them (`changedKeys`); their
/// other findings are carried over, since nothing they depend on changed.
struct MatchPlan {
    var wholly: Set<String>
    var partly: Set<String>
    var changedKeys: Set<String>

    /// The plan for the images `digests` (every stored image), or nil to match everything (no earlier
    /// run, or one matched by another matching version or before the store kept advisory changes).
    static func make(_ digests: [String], before: EvaluationBasis, store: ScoutStore) throws -> MatchPlan? {
        guard before.matchingVersion == MatchBasis.matchingVersion, let sequence = before.advisorySequence else { return nil }
        let all = Set(digests)
        let wholly = before.saved.union(before.withWarnings).union(digests.filter { !before.evaluated.contains($0) }).intersection(all)
        let changedKeys = try store.changedMatchKeys(since: sequence)
        // Images whose keys are not recorded are among those `imagesLookingUp` gives: matched whole.
        let touched = try store.imagesLookingUp(changedKeys).intersection(all).subtracting(wholly)
        let unrecorded = try store.imagesLookingUp([]).intersection(all)
        return MatchPlan(wholly: wholly.union(unrecorded), partly: touched.subtracting(unrecorded), changedKeys: changedKeys)
    }

    /// The package names (or source names) that can look up a changed key, for reading only those
    /// package rows of the images matched in part; nil when a changed key's ecosystem normalises names
    /// (PyPI, NuGet, Packagist: a stored name may differ from the key's), so whole SBOMs must be read.
    var packageNames: Set<String>? {
        var names: Set<String> = []
        for key in changedKeys {
            if ["PyPI ", "NuGet ", "Packagist "].contains(where: key.hasPrefix) { return nil }
            // The name follows the ecosystem's text, which may hold spaces: every tail is a candidate
            // (the packages read are filtered by their exact key afterwards).
            var rest = Substring(key)
            while let space = rest.firstIndex(of: " ") {
                rest = rest[rest.index(after: space)...]
                names.insert(String(rest))
            }
        }
        return names
    }

    /// The key `finding`'s package was looked up by (its ecosystem is the one it was matched in).
    static func matchKey(of finding: Finding) -> String {
        MatchKey.text(ecosystem: finding.ecosystem, name: MatchKey.normalise(name: finding.package.matchName, ecosystem: finding.ecosystem))
    }

    /// The SBOM of an image matched in part: only its packages that look up a changed key.
    func partial(_ sbom: ImageSBOM) -> ImageSBOM {
        let os = sbom.os?.osvEcosystem
        var sbom = sbom
        sbom.packages = sbom.packages.filter { MatchKey.of($0, osEcosystem: os).map(changedKeys.contains) ?? false }
        return sbom
    }
}

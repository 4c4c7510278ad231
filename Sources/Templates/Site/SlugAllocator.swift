/// Hands out unique, safe file names inside one folder: the slug of a name, made unique with a
/// counter when two names slug alike (`CVE-1` and `cve-1`, or two hostile names).
struct SlugAllocator {
    private var used: Set<String> = []

    /// A slug for `name` not handed out before; `fallback` when nothing of the name survives.
    mutating func allocate(_ name: String, fallback: String) -> String {
        let base = SitePaths.slug(name) ?? fallback
        var candidate = base
        var counter = 2
        while used.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }
}

import ScoutModel

/// Stable, safe file names for the pages of each image, derived from the digest and a sanitised
/// repository name: `images/library-alpine/a187dde48cd2.html`.
struct SitePaths: Sendable {
    /// Page path without extension, relative to the site root, per image (same order as the input).
    let pageStems: [String]

    init(images: [ImageReport]) {
        var used: Set<String> = []
        var stems: [String] = []
        for (position, image) in images.enumerated() {
            let folder = Self.slug(image.repository ?? "") ?? "_local"
            let hex = Self.hex(of: image.digest)
            var candidates: [String] = []
            if !hex.isEmpty {
                candidates.append(String(hex.prefix(12)))
                candidates.append(hex)
            }
            candidates.append("image-\(position + 1)")
            var stem = ""
            for candidate in candidates where !used.contains("\(folder)/\(candidate)") {
                stem = "\(folder)/\(candidate)"
                break
            }
            if stem.isEmpty { stem = "\(folder)/image-\(position + 1)-\(used.count)" }
            used.insert(stem)
            stems.append("images/" + stem)
        }
        pageStems = stems
    }

    /// Lower-case letters, digits, `.`, `_` and `-`; anything else becomes `-`; nil when nothing is left.
    static func slug(_ name: String) -> String? {
        var out = ""
        for scalar in name.lowercased().unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9", "_": out.unicodeScalars.append(scalar)
            case ".": out += out.isEmpty || out.hasSuffix(".") ? "-" : "."
            default: if !out.hasSuffix("-") { out += "-" }
            }
        }
        while out.hasPrefix("-") || out.hasPrefix(".") { out.removeFirst() }
        while out.hasSuffix("-") || out.hasSuffix(".") { out.removeLast() }
        out = String(out.prefix(80))
        return out.isEmpty ? nil : out
    }

    /// The lower-case hex digits after the algorithm: `sha256:AB12…` → `ab12…`.
    static func hex(of digest: String) -> String {
        let tail = digest.split(separator: ":").last.map(String.init) ?? digest
        return String(tail.lowercased().unicodeScalars.filter { ("0"..."9").contains($0) || ("a"..."f").contains($0) }.map(Character.init).prefix(128))
    }
}

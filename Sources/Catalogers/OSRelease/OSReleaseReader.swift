import ScoutModel

/// Finds the distribution of an image from `etc/os-release`, `usr/lib/os-release`,
/// else `etc/alpine-release` or `etc/debian_version`.
public enum OSReleaseReader {
    /// The files looked at, in order of preference.
    public static let paths = ["etc/os-release", "usr/lib/os-release", "etc/alpine-release", "etc/debian_version"]

    /// The distribution described by the first of `paths` present in `files`.
    public static func detect(in files: [String: [UInt8]]) -> OSRelease? {
        for path in paths {
            guard let content = files[path] else { continue }
            let text = String(decoding: content, as: UTF8.self)
            let release: OSRelease? = switch path {
            case "etc/alpine-release": simpleVersion(text, id: "alpine")
            case "etc/debian_version": simpleVersion(text, id: "debian")
            default: parseOSRelease(text)
            }
            if let release { return release }
        }
        return nil
    }

    /// Reads `KEY=value` lines, with optional single or double quotes and backslash escapes.
    public static func parseOSRelease(_ text: String) -> OSRelease? {
        var values: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingSpaces()
            guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = String(trimmed[..<equals])
            values[key] = unquote(trimmed[trimmed.index(after: equals)...])
        }
        guard let id = values["ID"]?.lowercased(), !id.isEmpty else { return nil }
        return OSRelease(id: id, versionID: values["VERSION_ID"].flatMap { $0.isEmpty ? nil : $0 },
                         codename: values["VERSION_CODENAME"].flatMap { $0.isEmpty ? nil : $0 },
                         prettyName: values["PRETTY_NAME"])
    }

    private static func unquote(_ value: Substring) -> String {
        guard let quote = value.first, quote == "\"" || quote == "'", value.count >= 2, value.last == quote else {
            return String(value)
        }
        var result = ""
        var escaped = false
        for character in value.dropFirst().dropLast() {
            if escaped || quote == "'" || character != "\\" {
                result.append(character)
                escaped = false
            } else {
                escaped = true
            }
        }
        return result
    }

    /// `3.10.4` → alpine 3.10.4; `10.3` → debian 10.3; `bookworm/sid` → debian, codename bookworm.
    private static func simpleVersion(_ text: String, id: String) -> OSRelease? {
        guard let line = text.split(whereSeparator: \.isNewline).first else { return nil }
        let version = line.trimmingSpaces()
        guard !version.isEmpty else { return nil }
        if version.first?.isNumber == true { return OSRelease(id: id, versionID: version) }
        return OSRelease(id: id, codename: String(version.split(separator: "/").first ?? Substring(version)))
    }
}

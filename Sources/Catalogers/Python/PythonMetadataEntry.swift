import ScoutModel

/// The fields of one installed Python distribution's core metadata (`METADATA` / `PKG-INFO`).
public struct PythonMetadataEntry: Sendable, Hashable {
    /// As written in the metadata (`pyOpenSSL`); see `normalizedName` for the PEP 503 form.
    public var name: String
    public var version: String
    public var licenseExpression: String?
    public var license: String?
    /// `Classifier:` values, in order.
    public var classifiers: [String]
    public var author: String?
    public var authorEmail: String?

    public init(name: String, version: String, licenseExpression: String? = nil, license: String? = nil,
                classifiers: [String] = [], author: String? = nil, authorEmail: String? = nil) {
        self.name = name
        self.version = version
        self.licenseExpression = licenseExpression
        self.license = license
        self.classifiers = classifiers
        self.author = author
        self.authorEmail = authorEmail
    }

    /// PEP 503: lower case, every run of `-`, `_` and `.` becomes one `-`.
    public var normalizedName: String { Self.normalize(name) }

    /// PEP 503, as matching normalises PyPI names.
    public static func normalize(_ name: String) -> String {
        MatchKey.normalise(name: name, ecosystem: "PyPI")
    }

    /// The licences the metadata states: `License-Expression`, else a one-line `License`, else the
    /// `License ::` classifiers (their last segment, as `BSD License`).
    public var licenses: [String] {
        if let expression = licenseExpression, !expression.isEmpty { return [expression] }
        if let license, !license.isEmpty, license.uppercased() != "UNKNOWN", !license.contains("\n"), license.count <= 100 {
            return [license]
        }
        return classifiers.compactMap { classifier in
            let parts = classifier.components(separatedBy: "::").map { $0.trimmingCharacters() }
            guard parts.count >= 2, parts[0] == "License", let last = parts.last, last != "OSI Approved" else { return nil }
            return last
        }
    }
}

extension String {
    /// Splits on a multi-character separator (no Foundation).
    func components(separatedBy separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}

/// Reads a project's own coordinates from a `pom.xml`: `project/groupId|artifactId|version`, falling back to
/// `project/parent/groupId|version` as Maven inherits them, and `project/licenses/license/name|url`.
/// Not a general XML parser: elements are tracked by name, comments, CDATA and declarations skipped.
enum PomXMLReader {
    struct Coordinates: Hashable {
        var groupID: String?
        var artifactID: String?
        var version: String?
        var licenses: [String] = []
    }

    static func read(_ text: String) -> Coordinates {
        var result = Coordinates()
        var parentGroup: String?
        var parentVersion: String?
        var stack: [Substring] = []
        var textStart: String.Index?
        var index = text.startIndex
        while let open = text[index...].firstIndex(of: "<") {
            let rest = text[open...]
            if rest.hasPrefix("<!--") {
                guard let end = rest.firstRange(of: "-->") else { break }
                index = end.upperBound
                continue
            }
            if rest.hasPrefix("<![CDATA[") || rest.hasPrefix("<?") || rest.hasPrefix("<!") {
                let terminator = rest.hasPrefix("<![CDATA[") ? "]]>" : ">"
                guard let end = rest.firstRange(of: terminator) else { break }
                index = end.upperBound
                continue
            }
            guard let close = rest.firstIndex(of: ">") else { break }
            let tag = text[text.index(after: open)..<close]
            index = text.index(after: close)
            if tag.hasPrefix("/") {
                let path = stack.joined(separator: "/")
                let value = textStart.map { String(text[$0..<open]).trimmingCharacters() }
                if let value, !value.isEmpty, !value.contains("${") {
                    switch path {
                    case "project/groupId": result.groupID = value
                    case "project/artifactId": result.artifactID = value
                    case "project/version": result.version = value
                    case "project/parent/groupId": parentGroup = value
                    case "project/parent/version": parentVersion = value
                    case "project/licenses/license/name": result.licenses.append(value)
                    default: break
                    }
                }
                if !stack.isEmpty { stack.removeLast() }
                textStart = nil
            } else if tag.hasSuffix("/") {
                textStart = nil
            } else {
                let name = tag.prefix { $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "\r" }
                stack.append(name)
                textStart = index
                if stack.count > 64 { break }
            }
        }
        if result.groupID == nil { result.groupID = parentGroup }
        if result.version == nil { result.version = parentVersion }
        return result
    }
}

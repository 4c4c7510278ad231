import ScoutModel

/// The choices of the Images tab's facets: the grades, base images and namespaces its rows have.
final class FacetOptions: TemplateView {
    /// One `<option>`.
    final class Option: TemplateView {
        let value: Text
        let label: Text
        init(_ value: String, label: String? = nil) {
            self.value = Text(value)
            self.label = Text(label ?? value)
        }
        func child(named name: String) -> Any? {
            switch name {
            case "value": value
            case "label": label
            default: nil
            }
        }
    }

    let grades: [Option]
    let bases: [Option]
    let namespaces: [Option]

    init(_ rows: [RepositoryRowView]) {
        func values(_ key: String) -> [String] {
            Set(rows.compactMap { ($0.facetFields[key]?.raw).flatMap { $0.isEmpty ? nil : $0 } }).sorted(by: NaturalOrder.less)
        }
        grades = values("dataGrade").map { Option($0, label: $0 == "N/A" ? "No grade" : "Grade \($0)") }
        bases = values("dataBase").map { Option($0, label: $0 == Self.noBase ? "No base detected" : $0) }
        namespaces = values("dataNamespace").map { Option($0, label: $0 == Self.topLevel ? "(top level)" : $0) }
    }

    static let noBase = "none"
    static let topLevel = "-"

    /// The base image's display name, or `none`.
    static func baseName(_ image: ImageReport) -> String {
        image.base?.base.reference.displayName ?? image.baseImage ?? noBase
    }

    /// `library` for `library/alpine`, `registry.example.com/team` for `registry.example.com/team/app`.
    static func namespace(_ repository: String) -> String {
        guard let slash = repository.lastIndex(of: "/") else { return topLevel }
        return String(repository[..<slash])
    }

    func child(named name: String) -> Any? {
        switch name {
        case "grades": grades
        case "bases": bases
        case "hasBases": bases.count > 1
        case "namespaces": namespaces
        case "hasNamespaces": namespaces.count > 1
        default: nil
        }
    }
}

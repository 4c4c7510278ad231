import JSONText
import ScoutModel

/// .NET applications' `*.deps.json`: the `libraries` of type `package` (NuGet packages the app was
/// built with; `project` and `referenceassembly` entries are the app and the framework, not packages).
public enum DotnetDepsParser {
    public static let catalogerName = "dotnet-deps-cataloger"

    public static func matches(_ path: String) -> Bool {
        path.hasSuffix(".deps.json") && !path.hasSuffix("/.deps.json")
    }

    @Sendable public static func parse(_ file: DatabaseFile, _ context: CatalogContext) throws(CatalogError) -> [Package] {
        let document = try file.json()
        guard document.members != nil else {
            throw CatalogError(.malformed(format: "deps.json", detail: "the document is not an object"), path: file.path)
        }
        var packages: [Package] = []
        for (key, library) in document["libraries"]?.members ?? [] where library["type"]?.string == "package" {
            guard let slash = key.firstIndex(of: "/") else { continue }
            let name = String(key[..<slash])
            let version = String(key[key.index(after: slash)...])
            guard !name.isEmpty, !version.isEmpty else { continue }
            packages.append(Package(type: .nuget, name: name, version: version,
                                    purl: PackageURL.make(type: "nuget", namespace: nil, name: name, version: version),
                                    locations: [file.path], cataloger: catalogerName))
        }
        return packages
    }
}

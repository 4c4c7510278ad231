import Catalogers
import Foundation
import ScoutModel
import Testing

/// The language-ecosystem cases of `Fixtures/rootfs/`, compared with the packages their `expected.json` lists.
@Suite struct LanguageFixtureTests {
    /// The fields of `expected.json` these cases assert beyond `RootfsCase.Expected`.
    struct Expected: Decodable {
        struct ExpectedPackage: Decodable {
            var name: String
            var version: String
            var type: String
            var purl: String?
            var licenses: [String]?
            var metadata_name: String?
            var group_id: String?
            var artifact_id: String?
            var jar: String?
        }
        var packages: [ExpectedPackage]
    }

    static let cases: [(String, PackageType, String)] = [
        ("syft-python-site-packages", .pypi, "python-installed-package-cataloger"),
        ("syft-python-egg-info-file", .pypi, "python-installed-package-cataloger"),
        ("scalibr-python-wheelegg", .pypi, "python-installed-package-cataloger"),
        ("syft-npm-package-json", .npm, "javascript-package-cataloger"),
        ("syft-npm-package-lock-v1", .npm, "javascript-lock-cataloger"),
        ("syft-npm-package-lock-v2", .npm, "javascript-lock-cataloger"),
        ("syft-npm-package-lock-v3", .npm, "javascript-lock-cataloger"),
        ("syft-yarn-v1", .npm, "javascript-lock-cataloger"),
        ("syft-yarn-berry", .npm, "javascript-lock-cataloger"),
        ("syft-java-jar-metadata", .maven, "java-archive-cataloger"),
        ("scalibr-java-guava", .maven, "java-archive-cataloger"),
        ("syft-gemspec", .gem, "ruby-installed-gemspec-cataloger"),
        ("syft-composer-v1", .composer, "php-composer-installed-cataloger"),
        ("syft-composer-v2", .composer, "php-composer-installed-cataloger"),
        ("syft-dotnet-deps", .nuget, "dotnet-deps-cataloger"),
    ]

    /// The name this project reports for an expected package: the metadata's own spelling for Python
    /// (syft lower-cases, scalibr keeps it), `group:artifact` for Maven (the OSV name).
    static func reportedName(_ expected: Expected.ExpectedPackage) -> String {
        if let group = expected.group_id, let artifact = expected.artifact_id { return "\(group):\(artifact)" }
        return expected.metadata_name ?? expected.name
    }

    @Test(arguments: cases.map(\.0))
    func catalogsCase(_ name: String) throws {
        let (_, type, cataloger) = try #require(Self.cases.first { $0.0 == name })
        let fixture = try RootfsCase(name)
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: RootfsCase.root.appendingPathComponent("\(name)/expected.json")))
        let result = Cataloging.catalog(layers: [fixture.layer])
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        let got = result.packages.map { "\($0.name) \($0.version)" }.sorted()
        #expect(got == expected.packages.map { "\(Self.reportedName($0)) \($0.version)" }.sorted())
        for want in expected.packages {
            let package = try #require(result.packages.first { $0.name == Self.reportedName(want) && $0.version == want.version })
            #expect(package.type == type)
            #expect(package.cataloger == cataloger)
            #expect(package.layerDiffID == fixture.layer.diffID)
            #expect(!package.locations.isEmpty && package.locations.allSatisfy { fixture.files[$0] != nil }, "\(package.locations)")
            if let jar = want.jar { #expect(package.locations == [jar]) }
            if let purl = want.purl { #expect(package.purl == purl) }
            if let licenses = want.licenses { #expect(package.licenses == licenses, "\(want.name)") }
            if type == .pypi {
                // PEP 503 in the purl whatever the spelling in the metadata.
                #expect(package.purl.hasPrefix("pkg:pypi/\(PythonMetadataEntry.normalize(want.name))@\(want.version)"))
            }
        }
    }

    @Test func packageLockMarksTheRootAndDropsDevDependencies() throws {
        let fixture = try RootfsCase("syft-npm-package-lock-v3")
        let lock = fixture.file("app/package-lock.json")
        let entries = try NpmLockParser.packageLockEntries(lock)
        #expect(entries.first?.isRoot == true)
        #expect(entries.first?.name == "lock-v3-fixture")
        #expect(entries.filter(\.isRoot).count == 1)
        // The lock lists dev dependencies ("dev": true) that are not installed in production.
        #expect(String(decoding: lock.content, as: UTF8.self).contains("\"dev\": true"))
        #expect(!entries.contains { $0.name == "async" })
    }

    @Test func pythonMetadataWithoutVersionIsAWarningAndTheScanGoesOn() throws {
        let fixture = try RootfsCase("syft-python-site-packages")
        var files = fixture.layer.files
        files["usr/lib/python3/dist-packages/broken-1.0.dist-info/METADATA"] = Array("Metadata-Version: 2.1\nName: broken\n".utf8)
        let result = Cataloging.catalog(layers: [LayerFiles(diffID: fixture.layer.diffID, files: files)])
        #expect(result.packages.count == 2)
        #expect(result.warnings.map(\.subject) == ["usr/lib/python3/dist-packages/broken-1.0.dist-info/METADATA"])
        #expect(result.warnings.first?.message == "Failed to parse 'usr/lib/python3/dist-packages/broken-1.0.dist-info/METADATA': it has no 'Version' field.")
    }

    @Test func invalidPKGINFOBesideTheRealOneIsNotRead() throws {
        let fixture = try RootfsCase("syft-python-site-packages")
        #expect(fixture.files.keys.contains { $0.hasSuffix("PKG-INFO-INVALID") })
        #expect(!Cataloging.wants("usr/local/lib/python3.8/site-packages/requests-2.22.0-py3.8.egg-info/PKG-INFO-INVALID"))
    }
}

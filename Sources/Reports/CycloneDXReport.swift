import ScoutModel

/// CycloneDX 1.6 JSON: `scout-report sbom --format cyclonedx` and, with the vulnerabilities section,
/// `cves --format cyclonedx`.
///
/// Deterministic: the serial number is derived from the image digest, components are sorted by
/// type, name, version and purl, no timestamp is written, keys are sorted.
public enum CycloneDXReport {
    /// Property names this writer uses (and `SBOMDocumentReader` reads back).
    public enum PropertyName {
        public static let cataloger = "scout-report:package:cataloger"
        public static let layerDiffID = "scout-report:package:layer-diff-id"
        public static let location = "scout-report:package:location"
        public static let sourceName = "scout-report:package:source-name"
        public static let sourceVersion = "scout-report:package:source-version"
        public static let architecture = "scout-report:package:architecture"
        public static let platform = "scout-report:image:platform"
        public static let source = "scout-report:image:source"
    }

    /// Renders the image's packages; with `withVulnerabilities`, one vulnerability per id with the
    /// packages it affects, its rating, fix and aliases.
    public static func render(_ image: ImageReport, toolVersion: String, withVulnerabilities: Bool) throws -> String {
        let document = document(image, toolVersion: toolVersion, withVulnerabilities: withVulnerabilities)
        return try JSONOutput.write(document, format: "CycloneDX", subject: image.displayName,
                                    capacity: 4096 + image.sbom.packages.count * 1200 + (withVulnerabilities ? image.findings.count * 1200 : 0))
    }

    /// The document `render` writes.
    static func document(_ image: ImageReport, toolVersion: String, withVulnerabilities: Bool) -> CycloneDXDocument {
        let imageRef = DocumentIdentity.imagePURL(image)
        let packages = SBOMOrder.sorted(image.sbom.packages)
        // Only the packages that findings name need their reference looked up by package (hashing a
        // whole package); a purl set rules out the others cheaply.
        let findingPurls = withVulnerabilities ? Set(image.findings.map(\.package.purl)) : []
        var refs: [String] = []
        var refByPackage: [Package: String] = [:]
        var used = Set<String>()
        var components: [CycloneDXDocument.Component] = []
        for package in packages {
            var ref = package.purl.isEmpty ? "pkg:\(package.type.rawValue)/\(package.name)@\(package.version)" : package.purl
            var counter = 1
            while used.contains(ref) {
                counter += 1
                ref = "\(package.purl)#\(counter)"
            }
            used.insert(ref)
            refs.append(ref)
            if findingPurls.contains(package.purl), refByPackage[package] == nil { refByPackage[package] = ref }
            components.append(component(package, ref: ref))
        }
        if let os = image.sbom.os {
            let ref = "os:\(os.id)@\(os.versionID ?? "unknown")"
            refs.append(ref)
            components.append(.init(type: "operating-system", bomRef: ref, name: os.id, version: os.versionID,
                                    description: os.prettyName))
        }
        var imageProperties = [CycloneDXDocument.Property(name: PropertyName.source, value: image.source)]
        if let platform = image.sbom.metadata.platform {
            imageProperties.append(.init(name: PropertyName.platform, value: platform.description))
        }
        let tool = CycloneDXDocument.Component(type: "application", name: "scout-report", version: toolVersion)
        let subject = CycloneDXDocument.Component(
            type: "container", bomRef: imageRef, name: image.repository ?? image.displayName,
            version: image.digest, purl: imageRef, properties: imageProperties)
        var document = CycloneDXDocument(
            serialNumber: "urn:uuid:" + DocumentIdentity.uuid(fromDigest: image.digest),
            metadata: .init(tools: .init(components: [tool]), component: subject),
            components: components,
            dependencies: [.init(ref: imageRef, dependsOn: refs.sorted())],
            vulnerabilities: withVulnerabilities ? vulnerabilities(image.findings, refByPackage: refByPackage) : nil)
        let reasons = image.sbom.incompleteReasons
        if !reasons.isEmpty {
            // Layers that could not be read: the inventory is incomplete, and each annotation says why.
            document.compositions = [.init(aggregate: "incomplete", assemblies: [imageRef])]
            document.annotations = reasons.map {
                .init(subjects: [imageRef], annotator: .init(component: tool),
                      timestamp: image.firstSeen ?? DocumentIdentity.unknownTime, text: "Incomplete analysis: \($0.message)")
            }
        }
        return document
    }

    private static func component(_ package: Package, ref: String) -> CycloneDXDocument.Component {
        typealias Property = CycloneDXDocument.Property
        var properties = [Property(name: PropertyName.cataloger, value: package.cataloger)]
        if let layer = package.layerDiffID { properties.append(.init(name: PropertyName.layerDiffID, value: layer)) }
        for location in package.locations.sorted() { properties.append(.init(name: PropertyName.location, value: location)) }
        if let source = package.sourceName { properties.append(.init(name: PropertyName.sourceName, value: source)) }
        if let version = package.sourceVersion { properties.append(.init(name: PropertyName.sourceVersion, value: version)) }
        if let arch = package.architecture { properties.append(.init(name: PropertyName.architecture, value: arch)) }
        let licenses = package.licenses.map { CycloneDXDocument.LicenseChoice(license: .init(name: $0)) }
        return .init(type: "library", bomRef: ref, name: package.name, version: package.version,
                     licenses: licenses.isEmpty ? nil : licenses, purl: package.purl.isEmpty ? nil : package.purl,
                     properties: properties)
    }

    private static func vulnerabilities(_ findings: [Finding], refByPackage: [Package: String]) -> [CycloneDXDocument.Vulnerability] {
        let byID = Dictionary(grouping: findings, by: \.vulnerabilityID)
        return byID.keys.sorted().map { id in
            let group = byID[id]!.sorted { ($0.package.name, $0.package.purl) < ($1.package.name, $1.package.purl) }
            let first = group[0]
            let worst = group.map(\.severity).min() ?? .unspecified
            let scored = group.first { $0.cvssScore != nil }
            let rating = CycloneDXDocument.Rating(
                source: (scored ?? first).severitySource.map { .init(name: $0) },
                score: scored?.cvssScore, severity: severityName(worst),
                method: scored?.cvssVector.map(method), vector: scored?.cvssVector)
            var affects: [CycloneDXDocument.Affect] = []
            var seen = Set<String>()
            for finding in group {
                guard let ref = refByPackage[finding.package], seen.insert(ref).inserted else { continue }
                affects.append(.init(ref: ref, versions: [.init(version: finding.package.version, status: "affected")]))
            }
            let fixes = Array(Set(group.flatMap(\.fixedVersions))).sorted()
            let recommendation = fixes.isEmpty ? nil
                : "Upgrade \(first.package.matchName) to \(fixes.joined(separator: ", "))"
            let aliases = Array(Set(group.flatMap(\.aliases))).sorted().map {
                CycloneDXDocument.Reference(id: $0, source: .init(name: $0.hasPrefix("CVE-") ? "NVD" : "OSV",
                                                                   url: TextLayout.vulnerabilityLink($0)))
            }
            var properties = [CycloneDXDocument.Property(name: "scout-report:vulnerability:affected-range", value: first.affectedRange)]
            properties.append(.init(name: "scout-report:vulnerability:fixed-version", value: first.fixedVersionDisplay))
            let references = Array(Set(group.flatMap(\.references))).sorted()
            return CycloneDXDocument.Vulnerability(
                bomRef: "vulnerability:\(id)", id: id,
                source: .init(name: id.hasPrefix("CVE-") ? "NVD" : "OSV", url: TextLayout.vulnerabilityLink(id)),
                references: aliases.isEmpty ? nil : aliases, ratings: [rating],
                description: first.summary, detail: first.details, recommendation: recommendation,
                advisories: references.isEmpty ? nil : references.map { .init(url: $0) },
                affects: affects, properties: properties)
        }
    }

    /// CycloneDX severities: critical, high, medium, low, unknown.
    static func severityName(_ severity: Severity) -> String {
        severity == .unspecified ? "unknown" : severity.rawValue
    }

    /// The scoring method of a vector: `CVSS:3.1/…` → `CVSSv31`, `CVSS:3.0/…` → `CVSSv3`,
    /// `CVSS:4.0/…` → `CVSSv4`, a bare v2 vector → `CVSSv2`.
    static func method(_ vector: String) -> String {
        if vector.hasPrefix("CVSS:3.1/") { return "CVSSv31" }
        if vector.hasPrefix("CVSS:3.0/") { return "CVSSv3" }
        if vector.hasPrefix("CVSS:4.0/") { return "CVSSv4" }
        if vector.hasPrefix("AV:") { return "CVSSv2" }
        return "other"
    }
}

/// The order every SBOM output lists packages in: type, name, version, purl.
enum SBOMOrder {
    /// The comparison of the tuples `(type.rawValue, name, version, purl)`, without building them
    /// (a tuple of four strings retains and releases each of them at every comparison).
    static func precedes(_ a: Package, _ b: Package) -> Bool {
        if a.type != b.type { return a.type.rawValue < b.type.rawValue }
        if a.name != b.name { return a.name < b.name }
        if a.version != b.version { return a.version < b.version }
        return a.purl < b.purl
    }

    /// `packages` sorted (stably) by `precedes`: indices are sorted and the fields compared in
    /// place, so packages are neither copied nor moved while comparing.
    static func sorted(_ packages: [Package]) -> [Package] {
        let order = packages.withUnsafeBufferPointer { buffer in
            Array(buffer.indices).sorted { i, j in
                let a = buffer.baseAddress! + i, b = buffer.baseAddress! + j
                if a.pointee.type != b.pointee.type { return a.pointee.type.rawValue < b.pointee.type.rawValue }
                if a.pointee.name != b.pointee.name { return a.pointee.name < b.pointee.name }
                if a.pointee.version != b.pointee.version { return a.pointee.version < b.pointee.version }
                return a.pointee.purl < b.pointee.purl
            }
        }
        return order.map { packages[$0] }
    }
}

import ScoutModel

/// SPDX 2.3 JSON: `scout-report sbom --format spdx` and `cves --format spdx`.
///
/// The image is a `CONTAINER` package that the document describes and that contains every package
/// (and the operating system, as an `OPERATING_SYSTEM` package). Findings, when the image has any,
/// become `SECURITY`/`advisory` external references of the affected packages (SPDX 2.3 has no
/// vulnerability section). Deterministic: the namespace is derived from the digest, `created` is
/// given by the caller, packages are sorted by type, name, version and purl.
public enum SPDXReport {
    /// The `sourceInfo` prefix naming a package's source package (`SBOMDocumentReader` reads it back).
    public static let sourceInfoPrefix = "source package: "

    public static func render(_ image: ImageReport, toolVersion: String, created: String) throws -> String {
        let document = document(image, toolVersion: toolVersion, created: created)
        return try JSONOutput.write(document, format: "SPDX", subject: image.displayName,
                                    capacity: 4096 + image.sbom.packages.count * 1000)
    }

    /// The document `render` writes.
    static func document(_ image: ImageReport, toolVersion: String, created: String) -> SPDXDocument {
        let imageID = "SPDXRef-Image"
        let packages = SBOMOrder.sorted(image.sbom.packages)
        let advisories = Dictionary(grouping: image.findings, by: \.package)
        // Looking a package up hashes all of it: a purl set rules out most packages cheaply.
        let findingPurls = Set(image.findings.map(\.package.purl))
        var imagePackage = imagePackage(image, id: imageID)
        let reasons = image.sbom.incompleteReasons
        if !reasons.isEmpty {
            // Layers that could not be read: the package list is incomplete, and each annotation says why.
            imagePackage.annotations = reasons.map {
                .init(annotationDate: created, annotationType: "OTHER", annotator: "Tool: scout-report-\(toolVersion)",
                      comment: "Incomplete analysis: \($0.message)")
            }
        }
        var spdxPackages = [imagePackage]
        var relationships = [SPDXDocument.Relationship(spdxElementId: "SPDXRef-DOCUMENT", relatedSpdxElement: imageID, relationshipType: "DESCRIBES")]
        if let os = image.sbom.os {
            spdxPackages.append(.init(SPDXID: "SPDXRef-OperatingSystem", name: os.id, versionInfo: os.versionID,
                                      primaryPackagePurpose: "OPERATING_SYSTEM", comment: os.prettyName))
            relationships.append(.init(spdxElementId: imageID, relatedSpdxElement: "SPDXRef-OperatingSystem", relationshipType: "CONTAINS"))
        }
        for (index, package) in packages.enumerated() {
            let id = "SPDXRef-Package-\(package.type.rawValue)-\(sanitize(package.name))-\(index + 1)"
            let findings = findingPurls.contains(package.purl) ? advisories[package] ?? [] : []
            spdxPackages.append(spdxPackage(package, id: id, findings: findings))
            relationships.append(.init(spdxElementId: imageID, relatedSpdxElement: id, relationshipType: "CONTAINS"))
        }
        let uuid = DocumentIdentity.uuid(fromDigest: image.digest)
        return SPDXDocument(
            name: image.displayName,
            documentNamespace: "https://spdx.org/spdxdocs/scout-report/\(sanitize(image.displayName))-\(uuid)",
            creationInfo: .init(created: created, creators: ["Tool: scout-report-\(toolVersion)"]),
            packages: spdxPackages, relationships: relationships)
    }

    private static func imagePackage(_ image: ImageReport, id: String) -> SPDXDocument.Package {
        let hex = image.digest.hasPrefix("sha256:") ? String(image.digest.dropFirst(7)) : nil
        return SPDXDocument.Package(
            SPDXID: id, name: image.repository ?? image.displayName, versionInfo: image.digest,
            primaryPackagePurpose: "CONTAINER",
            checksums: hex.map { [.init(algorithm: "SHA256", checksumValue: $0)] },
            externalRefs: [.init(referenceCategory: "PACKAGE-MANAGER", referenceType: "purl",
                                 referenceLocator: DocumentIdentity.imagePURL(image))],
            comment: image.sbom.metadata.platform.map { "platform: \($0)" })
    }

    private static func spdxPackage(_ package: Package, id: String, findings: [Finding]) -> SPDXDocument.Package {
        var refs: [SPDXDocument.ExternalRef] = []
        if !package.purl.isEmpty {
            refs.append(.init(referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: package.purl))
        }
        for id in Set(findings.map(\.vulnerabilityID)).sorted() {
            refs.append(.init(referenceCategory: "SECURITY", referenceType: "advisory",
                              referenceLocator: TextLayout.vulnerabilityLink(id), comment: id))
        }
        var source: String?
        if let name = package.sourceName {
            source = sourceInfoPrefix + name + (package.sourceVersion.map { " \($0)" } ?? "")
        }
        return SPDXDocument.Package(
            SPDXID: id, name: package.name, versionInfo: package.version,
            licenseComments: package.licenses.isEmpty ? nil
                : "Declared by the package database: \(package.licenses.joined(separator: " "))",
            sourceInfo: source, primaryPackagePurpose: "LIBRARY",
            externalRefs: refs.isEmpty ? nil : refs,
            comment: "found by \(package.cataloger)" + (package.locations.isEmpty ? "" : " at /" + package.locations.sorted().joined(separator: ", /")))
    }

    /// Letters, digits, `.` and `-` only (the SPDX id alphabet); anything else becomes `-`, one per
    /// character (grapheme cluster).
    static func sanitize(_ text: String) -> String {
        // ASCII without a CR LF pair (one grapheme of two bytes): one character per byte, so the
        // bytes can be mapped directly; anything else takes the Character path.
        var previous: UInt8 = 0
        let bytewise = text.utf8.allSatisfy { byte in
            defer { previous = byte }
            return byte < 0x80 && !(previous == 0x0D && byte == 0x0A)
        }
        guard bytewise else {
            return String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") ? $0 : "-" })
        }
        return String(unsafeUninitializedCapacity: text.utf8.count) { buffer in
            var count = 0
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                     UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"):
                    buffer[count] = byte
                default:
                    buffer[count] = UInt8(ascii: "-")
                }
                count += 1
            }
            return count
        }
    }
}

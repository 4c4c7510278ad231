import Foundation
import ImageSource
import Reports
import ScoutModel

extension ImageAnalyzer {
    /// `sbom://`: a CycloneDX or SPDX JSON document instead of an image.
    public static let sbomScheme = "sbom://"

    /// Reads `sbom://FILE` or `sbom://-` (standard input). The document's image digest is used when
    /// it names one (and the stored SBOM answers if that digest is stored); otherwise the digest is
    /// the SHA-256 of the document's bytes. Documents are not saved in the store.
    func analyseDocument(_ reference: String) throws -> Outcome {
        let path = String(reference.dropFirst(Self.sbomScheme.count))
        guard !path.isEmpty else { throw ImageSourceError(.invalidReference, subject: reference) }
        // Bounded while reading: a file by its size before a byte is read, standard input by what it gave.
        let limit = SBOMDocumentReader.maximumBytes
        let data: Data
        if path == "-" {
            data = (try? FileHandle.standardInput.read(upToCount: limit + 1)) ?? Data()
            guard data.count <= limit else { throw SBOMDocumentReader.tooLarge(data.count, subject: "<stdin>") }
        } else {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw ImageSourceError(.unreadable("the file cannot be read"), subject: path)
            }
            defer { try? handle.close() }
            if let size = try? handle.seekToEnd(), size > UInt64(limit) {
                throw SBOMDocumentReader.tooLarge(size, subject: path)
            }
            do {
                try handle.seek(toOffset: 0)
                data = try handle.read(upToCount: limit + 1) ?? Data()
            } catch {
                throw ImageSourceError(.unreadable("the file cannot be read"), subject: path)
            }
        }
        let document = try SBOMDocumentReader.read(data, subject: path == "-" ? "<stdin>" : path)
        let digest = document.digest ?? ContentDigest.sha256([UInt8](data))
        if let stored = try store.image(digest: digest) {
            return Outcome(sbom: stored.sbom, cached: true, documentName: document.name)
        }
        var warnings: [ScanWarning] = []
        if document.skipped > 0 {
            warnings.append(ScanWarning(subject: path, message: "Skipped \(document.skipped) entries of '\(path)' without a package URL of a supported type."))
        }
        let sbom = ImageSBOM(
            metadata: ImageMetadata(manifestDigest: digest), os: document.os,
            packages: document.packages, warnings: warnings)
        return Outcome(sbom: sbom, cached: false, documentName: document.name)
    }
}

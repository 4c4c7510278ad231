import Foundation
import ImageSource
import ScoutModel
import Store

/// Resolves one tag of a registry repository to the manifest digest of each wanted platform: from the
/// manifests resolved on earlier runs when its tag digest was seen before (one HEAD request), else from
/// the registry (index, manifest and config). Stores nothing: the scanner records what it found in a
/// fixed order.
struct TagResolver {
    /// One tag × platform that the selection kept.
    struct Candidate: Sendable {
        var tag: String
        var platform: Platform
        var manifestDigest: String
        var created: String?
        /// Opened while resolving (a digest seen for the first time), so it is not fetched twice.
        var image: RegistryImage?
    }

    /// What resolving one tag found.
    struct Resolution: Sendable {
        var candidates: [Candidate] = []
        /// Manifests resolved from the registry, to record: tag digest, platform, manifest.
        var resolved: [(String, String, ResolvedManifest)] = []
        var failed = 0
        var warnings: [ScanWarning] = []
        var storeError: StoreError?
        /// Not resolved: the run's deadline had passed.
        var pastDeadline = false
    }

    /// What tag digests resolved to on earlier runs, by tag digest then platform (read once per run).
    let known: [String: [String: ResolvedManifest]]
    let log: @Sendable (String) -> Void

    func resolve(tag: String, of target: RegistryScanner.Target) -> Resolution {
        var resolution = Resolution()
        let name = target.name, path = target.path, registry = target.client.endpoint.name
        do {
            try resolve(tag: tag, of: target, into: &resolution)
        } catch let error as StoreError {
            resolution.storeError = error
        } catch let error as RegistryError {
            if case .notFound = error.reason {
                // Deleted between the listing and now: nothing to analyse, nothing failed.
                let message = "Tag '\(tag)' of '\(path)' on registry '\(registry)' disappeared after it was listed; skipped."
                resolution.warnings.append(ScanWarning(subject: "\(name):\(tag)", message: message))
                log(message)
            } else {
                resolution.failed += 1
                resolution.warnings.append(ScanWarning(subject: "\(name):\(tag)", message: error.description))
                log("Skipped \(name):\(tag): \(error)")
            }
        } catch {
            resolution.failed += 1
            resolution.warnings.append(ScanWarning(subject: "\(name):\(tag)", message: String(describing: error)))
        }
        return resolution
    }

    private func resolve(tag: String, of target: RegistryScanner.Target, into resolution: inout Resolution) throws {
        let client = target.client, path = target.path
        let tagDigest = try client.resolveDigest(repository: path, reference: tag)
        var missing: [Platform] = []
        for platform in target.platforms {
            if let known = known[tagDigest]?[platform.description] {
                resolution.candidates.append(Candidate(tag: tag, platform: platform, manifestDigest: known.manifestDigest, created: known.created))
            } else {
                missing.append(platform)
            }
        }
        guard !missing.isEmpty else { return }
        var problems: [String] = []
        for found in try RegistryImage.resolve(client: client, repository: path, reference: tagDigest, platforms: missing) {
            guard let image = found.image else {
                problems.append(found.problem ?? "no image for \(found.platform)")
                continue
            }
            let resolved = ResolvedManifest(manifestDigest: image.metadata.manifestDigest, created: image.metadata.created)
            resolution.resolved.append((tagDigest, found.platform.description, resolved))
            resolution.candidates.append(Candidate(tag: tag, platform: found.platform, manifestDigest: resolved.manifestDigest, created: resolved.created, image: image))
        }
        if resolution.candidates.isEmpty, !problems.isEmpty {
            let message = "Tag '\(tag)' of '\(path)' on registry '\(client.endpoint.name)' has no image to analyse: \(problems.joined(separator: "; "))."
            resolution.warnings.append(ScanWarning(subject: "\(target.name):\(tag)", message: message))
            log(message)
        }
    }

    /// The candidates of the `count` tags created last (all when `count` is nil), newest first.
    static func newest(_ candidates: [Candidate], count: Int?) -> [Candidate] {
        guard let count else { return candidates }
        var created: [String: String] = [:]
        for candidate in candidates {
            created[candidate.tag] = max(created[candidate.tag] ?? "", candidate.created.map(Self.sortableDate) ?? "")
        }
        let kept = Set(created.keys.sorted { (created[$0]!, $0) > (created[$1]!, $1) }.prefix(count))
        return candidates.filter { kept.contains($0.tag) }
    }

    /// RFC 3339 times compare as text once normalised to UTC seconds.
    private static func sortableDate(_ text: String) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let date = formatter.date(from: text) ?? {
            formatter.formatOptions = [.withInternetDateTime]
            return formatter.date(from: text)
        }()
        guard let date else { return text }
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

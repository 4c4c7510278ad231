import Dispatch
import Foundation
import ScoutModel

/// Renders a `FleetSnapshot` into a static site: the Images tab (`index.html`, one row per
/// repository), repository pages with comparisons of their tags, one page per image (HTML,
/// Markdown, SARIF and the other downloads), the Vulnerabilities, Packages, Runs and Settings tabs
/// with one page per vulnerability and per package, `README.md` and `index.json`.
public struct SiteRenderer: Sendable {
    /// Templates the site renders; each must exist after overrides are applied.
    static let requiredTemplates = [
        "index.html", "repository.html", "compare.html", "image.html", "vulnerabilities.html", "vulnerability.html",
        "packages.html", "package.html", "runs.html", "settings.html", "bases.html", "README.md", "image.md",
        "partials/finding", "partials/finding.md", "partials/package-row", "partials/package-row.md", "partials/boxes",
        "partials/image-item", "partials/diff-finding", "partials/package-change", "partials/package-group",
        "partials/package-group.md", "partials/chrome", "partials/image-cells", "teams.html", "team.html", "team.md", "partials/pager",
    ]

    private let templates: TemplateSet
    private let toolVersion: String
    private let downloads: Bool

    /// Loads the embedded templates; files in `templatesDirectory` (same relative paths, e.g.
    /// `partials/head.mustache`, `assets/style.css`) replace or add to them. Throws a `SiteError`
    /// naming file, line and column when a template does not parse. `toolVersion` goes into the
    /// downloads (SARIF's driver version) and `index.json`. `downloads: false` leaves out the
    /// SARIF, CycloneDX and SPDX files (and their links).
    public init(templatesDirectory: URL? = nil, toolVersion: String = "0.1.0", downloads: Bool = true) throws {
        templates = try TemplateSet(overrideDirectory: templatesDirectory)
        self.toolVersion = toolVersion
        self.downloads = downloads
    }

    /// Writes the site into `directory`, which must exist and be empty. Pages are rendered on all
    /// cores. Returns the number of files written.
    /// With `previousSite` (the published site this render replaces), an image's downloads whose inputs
    /// did not change are hard-linked from it instead of rendered (`DownloadReuse`), and so are the
    /// pages of images, repositories, comparisons, vulnerabilities and packages (`PageReuse`) and every
    /// file whose bytes are those of the published file (`FileReuse`).
    @discardableResult
    public func render(_ snapshot: FleetSnapshot, into directory: URL, reusingDownloadsFrom previousSite: URL? = nil) throws -> Int {
        try render(snapshot, into: directory, previousSite: previousSite, audit: nil).files
    }

    /// As `render(_:into:reusingDownloadsFrom:)`, returning how many files (and bytes) were written and
    /// how many were hard-linked unchanged from `previousSite`.
    public func render(_ snapshot: FleetSnapshot, into directory: URL, linkingUnchangedFrom previousSite: URL?) throws -> SiteWriteCounts {
        try render(snapshot, into: directory, previousSite: previousSite, audit: nil)
    }

    /// As `render(_:into:)`; with `audit`, every raw value a template reads is recorded there.
    func render(_ snapshot: FleetSnapshot, into directory: URL, previousSite: URL? = nil, audit: RenderAudit.Log?) throws -> SiteWriteCounts {
        let root = directory.standardizedFileURL
        let contents: [String]
        do {
            contents = try FileManager.default.contentsOfDirectory(atPath: root.path)
        } catch {
            throw SiteError(reason: .outputNotEmpty, path: root.path, detail: "the directory does not exist or cannot be read")
        }
        guard contents.isEmpty else {
            throw SiteError(reason: .outputNotEmpty, path: root.path, detail: "the directory is not empty")
        }

        let setupStart = DispatchTime.now().uptimeNanoseconds
        let fleet = FleetIndex(snapshot)
        let indexed = DispatchTime.now().uptimeNanoseconds
        let files = FileReuse(previousSite: previousSite)
        let reuse = downloads ? DownloadReuse(previousSite: previousSite, root: root, files: files) : nil
        let pages = PageReuse(previousSite: previousSite, root: root, files: files)
        let context = RenderContext(templates: templates, fleet: fleet, toolVersion: toolVersion,
                                    downloads: downloads ? SiteDownloads.formats : [], reuse: reuse, pages: pages, audit: audit)
        let contextMade = DispatchTime.now().uptimeNanoseconds
        let comparisons = context.comparisons
        let jobs = SitePage.all(fleet: fleet, comparisons: comparisons)
        let writer = try SiteWriter(root: root, folders: SitePage.folders(fleet: fleet, comparisons: comparisons).union(templates.assets.keys.map { SiteWriter.folder(of: $0) }),
                                    files: files)
        for (path, text) in templates.assets { try writer.write(text, to: path) }

        let failures = FailureBox()
        let download = DownloadFormat.Context(toolVersion: toolVersion, generatedAt: snapshot.generatedAt)
        let timing = ProcessInfo.processInfo.environment["SCOUT_SITE_TIMING"] != nil ? PageTiming() : nil
        timing?.add("setup: fleet index", indexed - setupStart)
        timing?.add("setup: context (comparisons, rows)", contextMade - indexed)
        timing?.add("setup: folders, assets", DispatchTime.now().uptimeNanoseconds - contextMade)
        @Sendable func renderJob(_ position: Int) {
            let start = timing == nil ? nil : DispatchTime.now()
            do {
                if try jobs[position].stream(context: context, writer: writer) {
                    files.countPages(rendered: 1)
                } else {
                    let rendered = try jobs[position].render(context: context, download: download)
                    files.countPages(rendered: rendered.count)
                    for (path, text) in rendered {
                        try writer.write(text, to: path)
                    }
                }
            } catch {
                failures.record(error)
            }
            if let timing, let start { timing.add(jobs[position].kind, DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) }
        }
        let queue = JobQueue(count: jobs.count)
        context.workers.run { _ in
            while let position = queue.take() { renderJob(position) }
        }
        if let failure = failures.first { throw failure }
        if let reuse { try writer.write(reuse.manifestText, to: DownloadReuse.manifestName) }
        try writer.write(pages.manifestText, to: PageReuse.manifestName)
        timing?.report(context.cacheStatistics)
        return files.counts
    }
}

/// Writes files below the site root; folders are made once, before the pages are rendered. A file
/// whose bytes are the published site's is linked from it instead (`FileReuse`).
struct SiteWriter: Sendable {
    let root: URL
    private let counter = FailureBox()
    let files: FileReuse

    init(root: URL, folders: Set<String>, files: FileReuse = FileReuse(previousSite: nil)) throws {
        self.root = root
        self.files = files
        var made: Set<String> = [""]
        for folder in folders.sorted() {
            // Parents first: `a`, then `a/b`.
            var prefix = ""
            for component in folder.split(separator: "/") {
                prefix = prefix.isEmpty ? String(component) : prefix + "/" + component
                guard made.insert(prefix).inserted else { continue }
                let path = root.path + "/" + prefix
                if mkdir(path, 0o755) != 0 && errno != EEXIST {
                    throw SiteError(reason: .writeFailed, path: path, detail: String(cString: strerror(errno)))
                }
            }
        }
    }

    static func folder(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
    }

    var count: Int { counter.count }

    /// Writes a file from pieces `produce` hands over in order (a file too large to hold whole). While
    /// the pieces equal the published file's bytes nothing is written; at the first difference the
    /// equal part is copied from the published file and writing goes on from there; when every byte
    /// was equal the published file is linked (`FileReuse`).
    func write(to relativePath: String, produce: (([UInt8]) -> Void) -> Void) throws {
        let path = root.path + "/" + relativePath
        let published = files.openPublished(relativePath)
        defer { if let published { close(published) } }
        var descriptor: Int32 = -1
        defer { if descriptor >= 0 { close(descriptor) } }
        var failure: Int32 = 0
        var total: Int64 = 0
        var matched = 0
        var comparing = published != nil
        func startWriting() {
            comparing = false
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { failure = errno; return }
            if let published, matched > 0 { failure = FileReuse.copyPrefix(published, count: matched, to: descriptor) }
        }
        if !comparing { startWriting() }
        produce { piece in
            guard failure == 0 else { return }
            total += Int64(piece.count)
            if comparing, let published {
                if FileReuse.matches(published, at: matched, piece) {
                    matched += piece.count
                    return
                }
                startWriting()
                guard failure == 0 else { return }
            }
            piece.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if written <= 0 { failure = errno; return }
                    offset += written
                }
            }
        }
        guard failure == 0 else {
            throw SiteError(reason: .writeFailed, path: path, detail: String(cString: strerror(failure)))
        }
        if comparing, let published {
            if files.linkIfWhole(published, relativePath: relativePath, size: matched, target: path) {
                counter.increment()
                return
            }
            startWriting()
            guard failure == 0 else {
                throw SiteError(reason: .writeFailed, path: path, detail: String(cString: strerror(failure)))
            }
        }
        files.countWritten(total)
        counter.increment()
    }

    func write(_ text: String, to relativePath: String) throws {
        let path = root.path + "/" + relativePath
        var text = text
        let files = self.files
        let ok = text.withUTF8 { bytes -> Bool in
            if files.linkIfUnchanged(UnsafeRawBufferPointer(bytes), relativePath: relativePath, target: path) { return true }
            files.countWritten(Int64(bytes.count))
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { return false }
            defer { close(descriptor) }
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { return false }
                offset += written
            }
            return true
        }
        guard ok else {
            throw SiteError(reason: .writeFailed, path: path, detail: String(cString: strerror(errno)))
        }
        counter.increment()
    }
}

/// The first error thrown by a parallel loop, and a counter.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: Error?
    private var value = 0

    func record(_ error: Error) {
        lock.lock()
        defer { lock.unlock() }
        if self.error == nil { self.error = error }
    }

    var first: Error? {
        lock.lock()
        defer { lock.unlock() }
        return error
    }

    func increment() {
        lock.lock()
        value += 1
        lock.unlock()
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}

/// Time spent per page kind (`SCOUT_SITE_TIMING=1`), printed to stderr: where a render goes.
final class PageTiming: @unchecked Sendable {
    private let lock = NSLock()
    private var totals: [String: (count: Int, nanoseconds: UInt64)] = [:]

    func add(_ kind: String, _ nanoseconds: UInt64) {
        lock.lock()
        let current = totals[kind] ?? (0, 0)
        totals[kind] = (current.count + 1, current.nanoseconds + nanoseconds)
        lock.unlock()
    }

    func report(_ notes: [String]) {
        for note in notes { FileHandle.standardError.write(Data("cache: \(note)\n".utf8)) }
        for (kind, total) in totals.sorted(by: { $0.value.nanoseconds > $1.value.nanoseconds }) {
            let seconds = Double(total.nanoseconds) / 1e9
            FileHandle.standardError.write(Data("\(kind): \(total.count) in \(String(format: "%.2f", seconds)) s of CPU, \(String(format: "%.2f", seconds * 1000 / Double(total.count))) ms each\n".utf8))
        }
    }
}

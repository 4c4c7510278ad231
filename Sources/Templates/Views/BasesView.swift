import ScoutModel

/// The Base images tab: each base the fleet's images are built on, those images, whether a refreshed
/// (same tag, newer digest) or updated (newer version) base exists, and the rebuilds that would apply it.
final class BasesView: TemplateView {
    /// One base image and the listed images built on it.
    final class BaseRow: TemplateView {
        /// Links a row shows (and a rebuild list): a base under every image of a 100,000-image fleet
        /// would otherwise put every image's link on this one page. Each image's page names its base.
        static let shownImages = 100
        static let shownRebuilds = 500

        let name: Text
        let anchor: Text
        /// Its own image page, when the fleet lists an image with the base's digest.
        let href: Text?
        let boxes: [SeverityBoxView]
        let images: [LinkView]
        let imageCount: Int
        /// Names of the refreshed and updated bases, when known.
        let refreshed: Text?
        let updated: Text?
        /// Images still built on the old digest of a refreshed base: the fleet's rebuild list.
        let rebuild: [LinkView]
        /// Every image of the rebuild list (its page), shown or not.
        let rebuildHrefs: [String]
        let rebuildSummary: Text?

        init(name: String, anchor: String, href: String?, counts: SeverityCounts?, images: [LinkView],
             refreshed: String?, updated: String?, rebuild: [LinkView], refreshedCreated: String?) {
            self.name = Text(name)
            self.anchor = Text(anchor)
            self.href = href.map { Text($0) }
            boxes = counts.map(SeverityBoxView.boxes) ?? []
            self.images = Array(images.prefix(Self.shownImages))
            imageCount = images.count
            self.refreshed = refreshed.map { Text($0) }
            self.updated = updated.map { Text($0) }
            self.rebuild = Array(rebuild.prefix(Self.shownRebuilds))
            rebuildHrefs = rebuild.map(\.href.raw)
            rebuildSummary = rebuild.isEmpty ? nil : Text(
                "Rebuild \(rebuild.count == 1 ? "this image" : "these \(rebuild.count) images") on the refreshed \(refreshed ?? name)"
                    + (refreshedCreated.map { " (newer digest, created \(Format.time($0)))" } ?? " (newer digest)"))
        }

        func child(named name: String) -> Any? {
            switch name {
            case "name": self.name
            case "anchor": anchor
            case "href": href
            case "boxes": boxes
            case "hasCounts": !boxes.isEmpty
            case "images": images
            case "imageCount": Text(imageCount)
            case "moreImages": imageCount > images.count ? Text("and \(imageCount - images.count) more (each image's page names its base)") : nil
            case "moreRebuilds": rebuildHrefs.count > rebuild.count ? Text("and \(rebuildHrefs.count - rebuild.count) more (each image's page says it)") : nil
            case "refreshed": refreshed
            case "updated": updated
            case "rebuild": rebuild
            case "rebuildSummary": rebuildSummary
            default: nil
            }
        }
    }

    let page: PageContext
    let bases: [BaseRow]

    init(context: RenderContext, format: PageFormat) {
        page = PageContext(context: context, pageTitle: "Base images", depth: 0, tab: .bases, format: format)
        bases = Self.rows(context: context, depth: 0)
    }

    /// The bases of the images the Images tab counts (every listed image), most images first.
    static func rows(context: RenderContext, depth: Int) -> [BaseRow] {
        let fleet = context.fleet
        let root = Format.root(depth: depth)
        var groups: [String: [Int]] = [:]
        for index in fleet.listed {
            guard let summary = fleet.images[index].report.base else { continue }
            groups[summary.base.reference.displayName, default: []].append(index)
        }
        return groups.keys.sorted(by: NaturalOrder.less).map { name in
            let members = groups[name]!.sorted { NaturalOrder.less(fleet.images[$0].report.displayName, fleet.images[$1].report.displayName) }
            let first = fleet.images[members[0]].report.base!
            let own = first.base.reference.digest.flatMap { fleet.imageByDigest[$0] }
            func link(_ index: Int) -> LinkView {
                LinkView(text: Text(fleet.images[index].report.displayName), href: root + fleet.images[index].stem + ".html")
            }
            let stale = members.filter { fleet.images[$0].report.base?.refreshed != nil }
            let refreshed = members.lazy.compactMap { fleet.images[$0].report.base?.refreshed }.first
            let updated = members.lazy.compactMap { fleet.images[$0].report.base?.updated }.first
            return BaseRow(
                name: name, anchor: Self.anchor(name),
                href: own.map { root + fleet.images[$0].stem + ".html" }, counts: first.base.counts,
                images: members.map(link), refreshed: refreshed.map(\.reference.displayName),
                updated: updated.map(\.reference.displayName), rebuild: stale.map(link), refreshedCreated: refreshed?.created)
        }
    }

    /// `base-library-alpine-3-11`: the base's row on the Base images tab.
    static func anchor(_ name: String) -> String {
        "base-" + (SitePaths.slug(name) ?? "unknown")
    }

    func child(named name: String) -> Any? {
        switch name {
        case "bases": bases
        case "hasBases": !bases.isEmpty
        case "baseCount": Text(bases.count)
        case "rebuilds": bases.filter { !$0.rebuild.isEmpty }
        case "hasRebuilds": bases.contains { !$0.rebuild.isEmpty }
        case "rebuildCount": Text(Set(bases.flatMap(\.rebuildHrefs)).count)
        default: page.child(named: name)
        }
    }
}

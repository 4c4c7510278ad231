
import ScoutModel

/// The Runs tab: every run with its counts, new and fixed findings, and the fleet trend.
final class RunsView: TemplateView {
    let page: PageContext
    let runs: [RunRowView]
    let trend: Markup?

    init(context: RenderContext, format: PageFormat) {
        let fleet = context.fleet
        page = PageContext(context: context, pageTitle: "Runs", depth: 0, tab: .runs, format: format, stamped: true)
        var counts: [Int64: SeverityCounts] = [:]
        var listed: [Int64: Int] = [:]
        for index in fleet.listed {
            for point in fleet.images[index].report.trend {
                var current = counts[point.runID] ?? SeverityCounts()
                for severity in Severity.allCases { current[severity] += point.counts[severity] }
                counts[point.runID] = current
                listed[point.runID, default: 0] += 1
            }
        }
        runs = fleet.snapshot.runs.sorted { $0.id > $1.id }.map {
            RunRowView($0, vulnerabilities: counts[$0.id], listedImages: listed[$0.id], boxes: context.boxes)
        }
        trend = format.isHTML ? FleetTrend.chart(fleet, title: Self.chartTitle) : nil
    }

    static let chartTitle = "Vulnerabilities in every image the site lists (all tags and digests) after each run"

    func child(named name: String) -> Any? {
        switch name {
        case "runs": runs
        case "hasRuns": !runs.isEmpty
        case "runCount": Text(runs.count)
        case "trend": trend
        default: page.child(named: name)
        }
    }
}

/// One run.
final class RunRowView: TemplateView {
    let fields: [String: Text]
    let boxes: Markup
    let unlisted: Text?

    /// `vulnerabilities`: the sum of the listed images' counts (Scout's way); the run's own finding counts
    /// otherwise. `listedImages`: how many of the images the run evaluated the site lists (the rest are
    /// base-only or in disabled repositories), so the column counts what the Images tab counts.
    init(_ run: RunSummary, vulnerabilities: SeverityCounts?, listedImages: Int?, boxes: SeverityBoxesCache) {
        self.boxes = boxes(vulnerabilities ?? run.counts)
        let images = listedImages ?? run.imagesEvaluated
        let unlisted = run.imagesEvaluated - images
        self.unlisted = unlisted > 0 ? Text("+\(unlisted) not listed") : nil
        fields = [
            "id": Text(String(run.id)),
            "startedAt": Text(Format.time(run.startedAt)),
            "startedAtRaw": Text(run.startedAt),
            "images": Text(images),
            "unlistedTitle": Text(unlisted > 0 ? "\(unlisted) more evaluated as base images only or in disabled repositories: not on the Images tab" : ""),
            "findings": Text(run.counts.total),
            "newFindings": Text(run.newFindings),
            "fixedFindings": Text(run.fixedFindings),
            "severityKey": SeverityBoxView.sortKey(vulnerabilities ?? run.counts),
        ]
    }

    func child(named name: String) -> Any? {
        switch name {
        case "boxes": boxes
        case "unlisted": unlisted
        default: fields[name]
        }
    }
}

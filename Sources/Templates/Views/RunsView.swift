
import ScoutModel

/// The Runs tab: every run with its counts, new and fixed findings, and the fleet trend.
final class RunsView: TemplateView {
    let page: PageContext
    let runs: [RunRowView]
    let trend: Escaped?

    init(context: RenderContext, escape: Escaper) {
        let fleet = context.fleet
        page = PageContext(snapshot: fleet.snapshot, pageTitle: "Runs", depth: 0, tab: .runs, escape: escape)
        var counts: [Int64: SeverityCounts] = [:]
        for image in fleet.images {
            for point in image.report.trend {
                var current = counts[point.runID] ?? SeverityCounts()
                for severity in Severity.allCases { current[severity] += point.counts[severity] }
                counts[point.runID] = current
            }
        }
        runs = fleet.snapshot.runs.sorted { $0.id > $1.id }.map { RunRowView($0, vulnerabilities: counts[$0.id], escape: escape) }
        trend = escape.isHTML ? FleetTrend.chart(fleet, title: "Vulnerabilities in the fleet after each run") : nil
    }

    func child(named name: String) -> Any? {
        switch name {
        case "runs": runs
        case "hasRuns": !runs.isEmpty
        case "runCount": Escaped(runs.count)
        case "trend": trend
        default: page.child(named: name)
        }
    }
}

/// One run.
final class RunRowView: TemplateView {
    let fields: [String: Escaped]
    let boxes: [SeverityBoxView]

    /// `vulnerabilities`: the sum of the images' counts (Scout's way); the run's own finding counts otherwise.
    init(_ run: RunSummary, vulnerabilities: SeverityCounts?, escape: Escaper) {
        boxes = SeverityBoxView.boxes(vulnerabilities ?? run.counts)
        fields = [
            "id": Escaped(trusted: String(run.id)),
            "startedAt": escape(Format.time(run.startedAt)),
            "startedAtRaw": escape(run.startedAt),
            "images": Escaped(run.imagesEvaluated),
            "findings": Escaped(run.counts.total),
            "newFindings": Escaped(run.newFindings),
            "fixedFindings": Escaped(run.fixedFindings),
            "severityKey": SeverityBoxView.sortKey(vulnerabilities ?? run.counts),
        ]
    }

    func child(named name: String) -> Any? {
        name == "boxes" ? boxes : fields[name]
    }
}

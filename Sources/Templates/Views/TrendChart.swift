import ScoutModel

/// A line chart of C/H/M/L/? counts over runs, drawn as inline SVG (no script, no external resource;
/// colours come from the stylesheet through classes, since the CSP forbids inline styles).
enum TrendChart {
    static let width = 720.0
    static let height = 200.0
    static let left = 44.0, right = 12.0, top = 12.0, bottom = 28.0

    /// The runs after which an image's counts changed (and the first): an image's chart is drawn from
    /// these, so that its page changes when its counts do, not after every run.
    static func changes(_ points: [ImageTrendPoint]) -> [(String, SeverityCounts)] {
        var kept: [(String, SeverityCounts)] = []
        for point in points where kept.last?.1 != point.counts { kept.append((point.runAt, point.counts)) }
        return kept
    }

    /// The chart for `points` (run time, counts), oldest first. Every label is built from numbers and
    /// escaped dates, so the result is trusted markup.
    static func svg(points: [(String, SeverityCounts)], title: String) -> String {
        let maximum = max(1, points.flatMap { point in Severity.allCases.map { point.1[$0] } }.max() ?? 1)
        let scale = niceCeiling(maximum)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ index: Int) -> Double {
            points.count <= 1 ? left + plotWidth / 2 : left + plotWidth * Double(index) / Double(points.count - 1)
        }
        func y(_ value: Int) -> Double { top + plotHeight * (1 - Double(value) / Double(scale)) }
        let label = Escape.html(title)
        var svg = "<svg class=\"trend\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(label)\" preserveAspectRatio=\"xMidYMid meet\"><title>\(label)</title>"
        // Grid: four horizontal lines with their values.
        for step in 0...4 {
            let value = scale * step / 4
            let lineY = fmt(y(value))
            svg += "<line class=\"grid\" x1=\"\(fmt(left))\" x2=\"\(fmt(width - right))\" y1=\"\(lineY)\" y2=\"\(lineY)\"/>"
            svg += "<text class=\"axis\" x=\"\(fmt(left - 6))\" y=\"\(fmt(y(value) + 4))\" text-anchor=\"end\">\(value)</text>"
        }
        if let first = points.first {
            svg += "<text class=\"axis\" x=\"\(fmt(x(0)))\" y=\"\(fmt(height - 8))\" text-anchor=\"\(points.count == 1 ? "middle" : "start")\">\(Escape.html(Format.time(first.0)))</text>"
        }
        if points.count > 1, let last = points.last {
            svg += "<text class=\"axis\" x=\"\(fmt(width - right))\" y=\"\(fmt(height - 8))\" text-anchor=\"end\">\(Escape.html(Format.time(last.0)))</text>"
        }
        for severity in Severity.allCases.reversed() {
            let coordinates = points.enumerated().map { "\(fmt(x($0.offset))),\(fmt(y($0.element.1[severity])))" }
            if points.count > 1 {
                svg += "<polyline class=\"line tc-\(severity.rawValue) ls-\(severity.rawValue)\" fill=\"none\" points=\"\(coordinates.joined(separator: " "))\"/>"
            }
            for (offset, point) in points.enumerated() {
                let title = "<title>\(Escape.html(Format.time(point.0))): \(point.1[severity]) \(severity.rawValue)</title>"
                svg += marker(severity, x: x(offset), y: y(point.1[severity]), title: title)
            }
        }
        svg += "</svg>"
        return svg
    }

    /// Each series has its own marker shape (and line dash, in the stylesheet), so it is told apart without
    /// colour: critical ●, high ■, medium ▲, low ◆, unspecified ✕ (the legend shows the same shapes).
    static func marker(_ severity: Severity, x: Double, y: Double, title: String) -> String {
        let kind = "dot tc-\(severity.rawValue)"
        switch severity {
        case .critical:
            return "<circle class=\"\(kind)\" cx=\"\(fmt(x))\" cy=\"\(fmt(y))\" r=\"3.5\">\(title)</circle>"
        case .high:
            return "<rect class=\"\(kind)\" x=\"\(fmt(x - 3.5))\" y=\"\(fmt(y - 3.5))\" width=\"7\" height=\"7\">\(title)</rect>"
        case .medium:
            return "<path class=\"\(kind)\" d=\"M\(fmt(x)) \(fmt(y - 4.5))L\(fmt(x + 4.5)) \(fmt(y + 3.5))L\(fmt(x - 4.5)) \(fmt(y + 3.5))Z\">\(title)</path>"
        case .low:
            return "<path class=\"\(kind)\" d=\"M\(fmt(x)) \(fmt(y - 4.5))L\(fmt(x + 4.5)) \(fmt(y))L\(fmt(x)) \(fmt(y + 4.5))L\(fmt(x - 4.5)) \(fmt(y))Z\">\(title)</path>"
        case .unspecified:
            return "<path class=\"\(kind) cross\" d=\"M\(fmt(x - 3.5)) \(fmt(y - 3.5))L\(fmt(x + 3.5)) \(fmt(y + 3.5))M\(fmt(x + 3.5)) \(fmt(y - 3.5))L\(fmt(x - 3.5)) \(fmt(y + 3.5))\">\(title)</path>"
        }
    }

    /// 1, 2, 5 × 10ⁿ at or above `value`, divisible by 4 when ≥ 4.
    static func niceCeiling(_ value: Int) -> Int {
        var magnitude = 1
        while magnitude * 10 <= value { magnitude *= 10 }
        for factor in [1, 2, 4, 5, 8, 10] where factor * magnitude >= value {
            let candidate = factor * magnitude
            return candidate < 4 ? 4 : candidate
        }
        return 10 * magnitude
    }

    private static func fmt(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(abs(tenths % 10))"
    }
}

/// The fleet's counts after each run: the sum of the trend points of that run of `images` (every
/// listed image when nil), or the runs' own recorded counts when no image trend is known.
enum FleetTrend {
    static func points(_ fleet: FleetIndex, images: [Int]? = nil) -> [(String, SeverityCounts)] {
        var byRun: [Int64: (String, SeverityCounts)] = [:]
        for index in images ?? fleet.listed {
            for point in fleet.images[index].report.trend {
                var current = byRun[point.runID] ?? (point.runAt, SeverityCounts())
                for severity in Severity.allCases { current.1[severity] += point.counts[severity] }
                byRun[point.runID] = current
            }
        }
        // The runs' own counts cover every image: no stand-in for a chosen few.
        if byRun.isEmpty {
            guard images == nil else { return [] }
            return fleet.snapshot.runs.sorted { $0.id < $1.id }.map { ($0.startedAt, $0.counts) }
        }
        return byRun.keys.sorted().map { byRun[$0]! }
    }

    static func chart(_ fleet: FleetIndex, images: [Int]? = nil, title: String) -> Markup? {
        let points = points(fleet, images: images)
        return points.isEmpty ? nil : Markup(trusted: TrendChart.svg(points: points, title: title))
    }
}

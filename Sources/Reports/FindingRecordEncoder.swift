import JSONText
import ScoutModel

/// Writes a `Finding` as the JSON the store keeps for it (and the site fingerprints its downloads by): the same bytes as `ScoutStore.encoder`
/// (`JSONEncoder` with sorted keys: `/` escaped, nil optionals left out), several times faster. Recording
/// a run writes every finding of every image, and `JSONEncoder` made that a sixth of a re-evaluation.
/// Tests compare its output with `JSONEncoder`'s byte for byte. A value `JSONEncoder` would refuse (a
/// non-finite number) returns nil, so the caller can let `JSONEncoder` report it as before.
public enum FindingRecordEncoder {
    public static func encode(_ finding: Finding) -> String? {
        var out = JSONWriter(layout: .compact, capacity: 768 + (finding.details?.utf8.count ?? 0), escapesSlashes: true)
        out.beginObject()
        out.field("affectedRange", finding.affectedRange)
        out.field("aliases", finding.aliases)
        out.field("cvssScore", finding.cvssScore)
        out.field("cvssVector", finding.cvssVector)
        out.field("details", finding.details)
        out.field("ecosystem", finding.ecosystem)
        if let epss = finding.epss {
            out.key("epss")
            out.beginObject()
            out.field("cveID", epss.cveID)
            out.field("date", epss.date)
            out.field("percentile", epss.percentile)
            out.field("score", epss.score)
            out.endObject()
        }
        out.field("firstSeen", finding.firstSeen)
        out.field("fixedVersions", finding.fixedVersions)
        out.field("isNew", finding.isNew)
        if let kev = finding.kev {
            out.key("kev")
            out.beginObject()
            out.field("cveID", kev.cveID)
            out.field("dateAdded", kev.dateAdded)
            out.field("dueDate", kev.dueDate)
            out.field("knownRansomwareCampaignUse", kev.knownRansomwareCampaignUse)
            out.field("name", kev.name)
            out.field("requiredAction", kev.requiredAction)
            out.endObject()
        }
        out.key("package"); package(finding.package, into: &out)
        out.field("published", finding.published)
        out.field("references", finding.references)
        out.field("severity", finding.severity.rawValue)
        out.field("severitySource", finding.severitySource)
        out.field("summary", finding.summary)
        if let suppression = finding.suppression {
            out.key("suppression")
            out.beginObject()
            out.field("expires", suppression.expires)
            out.field("justification", suppression.justification)
            out.field("kind", suppression.kind.rawValue)
            out.field("source", suppression.source)
            out.field("statement", suppression.statement)
            out.field("status", suppression.status)
            out.endObject()
        }
        out.field("vulnerabilityID", finding.vulnerabilityID)
        out.endObject()
        return out.invalidNumber == nil ? out.text : nil
    }

    private static func package(_ package: Package, into out: inout JSONWriter) {
        out.beginObject()
        out.field("architecture", package.architecture)
        out.field("cataloger", package.cataloger)
        out.field("layerDiffID", package.layerDiffID)
        out.field("licenses", package.licenses)
        out.field("locations", package.locations)
        out.field("name", package.name)
        out.field("purl", package.purl)
        out.field("sourceName", package.sourceName)
        out.field("sourceVersion", package.sourceVersion)
        out.field("type", package.type.rawValue)
        out.field("version", package.version)
        out.endObject()
    }
}

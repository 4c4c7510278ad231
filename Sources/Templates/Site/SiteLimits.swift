/// Bounds on what one image adds to the site, so that a hostile or huge image (100,000 packages made a
/// 100,015-file, 428 MB site) costs at most a few thousand pages and rows. The SBOM downloads (CycloneDX,
/// SPDX, the JSON in `index.json`) stay complete: they are where every package of such an image is listed.
enum SiteLimits {
    /// Images with at most this many packages give each of them a page (`packages/<type>/<name>.html`) and a
    /// row on the Packages tab; larger images only for their vulnerable packages (and those that a smaller image
    /// shares). Real images hold from a few dozen to about 3,000 packages (a large Node.js monorepo).
    static let packagePagesPerImage = 5_000
    /// Rows of an image page's package table (HTML and Markdown); the rest is counted in a line below it.
    static let packageRowsPerImage = 5_000
}

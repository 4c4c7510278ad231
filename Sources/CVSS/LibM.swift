// `Double.rounded` calls libm's `round`; importing the C library makes the module link libm
// itself, so that a client that imports neither Foundation nor Glibc still links.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

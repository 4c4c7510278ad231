#include <curl/curl.h>

// curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are variadic, which Swift cannot call:
// these typed wrappers are the only way the registry transport sets an option or reads a result.

typedef size_t (*scout_curl_data_callback)(char *data, size_t size, size_t count, void *context);

static inline CURLcode scout_curl_set_long(CURL *easy, CURLoption option, long value) {
    return curl_easy_setopt(easy, option, value);
}
static inline CURLcode scout_curl_set_string(CURL *easy, CURLoption option, const char *value) {
    return curl_easy_setopt(easy, option, value);
}
static inline CURLcode scout_curl_set_pointer(CURL *easy, CURLoption option, void *value) {
    return curl_easy_setopt(easy, option, value);
}
static inline CURLcode scout_curl_set_size(CURL *easy, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(easy, option, value);
}
static inline CURLcode scout_curl_set_callback(CURL *easy, CURLoption option, scout_curl_data_callback callback) {
    return curl_easy_setopt(easy, option, callback);
}
static inline CURLcode scout_curl_response_code(CURL *easy, long *code) {
    return curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, code);
}
static inline CURLcode scout_curl_private(CURL *easy, char **pointer) {
    return curl_easy_getinfo(easy, CURLINFO_PRIVATE, pointer);
}
static inline CURLMcode scout_curl_multi_set_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

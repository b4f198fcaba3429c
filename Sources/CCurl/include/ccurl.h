// Typed wrappers around libcurl's variadic calls, which Swift cannot call directly.
#ifndef NYUMBA_CCURL_H
#define NYUMBA_CCURL_H

#include <curl/curl.h>

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode ccurl_setopt_write_function(CURL *handle, size_t (*callback)(char *, size_t, size_t, void *));
CURLcode ccurl_setopt_read_function(CURL *handle, size_t (*callback)(char *, size_t, size_t, void *));
CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value);

// Added for the Mail module (usable by any libcurl user in the process).

/// Calls curl_global_init(CURL_GLOBAL_DEFAULT) exactly once per process, however many
/// modules or threads ask; returns that first call's result every time.
CURLcode ccurl_global_init_once(void);
/// CURLOPT_DEBUGFUNCTION with a typed callback (set CURLOPT_VERBOSE to 1 to have it called).
CURLcode ccurl_setopt_debug_function(CURL *handle, int (*callback)(CURL *, curl_infotype, char *, size_t, void *));

#endif

// Linked only into sanitizer builds: makes dlclose a no-op so that the Vulkan driver and layers stay mapped
// until exit. LeakSanitizer can then name the module of each allocation, and tests/sanitize/lsan.supp can
// suppress what the driver (not citytwin) leaves behind. See google/sanitizers issue 89.
extern "C" int dlclose(void*) { return 0; }

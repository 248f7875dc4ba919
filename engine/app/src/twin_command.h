// What the commands that open a twin share: their options as TwinOptions, and --live-wait.
#pragma once
#include "command_line.h"
#include "twin.h"

namespace ct::app {

TwinOptions twinOptions(const ModelCommandOptions& o);
// Connects the live sources and applies what arrives for `seconds` (polling every 20 ms, as frames would), then
// prints one line per live source to stderr: state, messages applied, malformed ones and the latest problems.
void applyLiveData(Twin& twin, double seconds);
// "name: state, N rows/messages, M bad (latest: ...)" for each source.
void printSourceStatus(const Twin& twin, bool liveOnly);

}  // namespace ct::app

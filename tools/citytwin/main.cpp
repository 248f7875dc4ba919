// citytwin CLI entry point.
#include "app/cli.h"

int main(int argc, char** argv) { return ct::app::runCli(argc, argv); }

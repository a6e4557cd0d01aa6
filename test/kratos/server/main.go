// The real Ory Kratos v1.3.1 for the test suites. `go install github.com/ory/kratos@v1.3.1` refuses because
// Kratos's go.mod carries replace directives; a module of our own that repeats them builds it (see go.mod).
package main

import (
	"os"

	"github.com/ory/kratos/cmd"
)

func main() { os.Exit(cmd.Execute()) }

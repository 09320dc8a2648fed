//go:build !linux

package cachedir

import "os"

// Map returns the contents of the file at path; release does nothing here
// (on Linux the file is mapped into memory rather than copied).
func Map(path string) (data []byte, release func() error, err error) {
	data, err = os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	return data, func() error { return nil }, nil
}

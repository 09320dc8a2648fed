package cachedir

import (
	"fmt"
	"os"
	"syscall"
)

// Map returns the contents of the file at path, mapped into memory read
// only (with its pages mapped at once, MAP_POPULATE) rather than copied:
// cache entries run to tens of MB and are read once. release unmaps them;
// the bytes must not be used after it.
func Map(path string) (data []byte, release func() error, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	size := st.Size()
	if size == 0 {
		return nil, func() error { return nil }, nil
	}
	if size != int64(int(size)) {
		return nil, nil, fmt.Errorf("%s: %d bytes do not fit in memory", path, size)
	}
	data, err = syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_PRIVATE|syscall.MAP_POPULATE)
	if err != nil {
		return nil, nil, fmt.Errorf("map %s: %w", path, err)
	}
	return data, func() error {
		if err := syscall.Munmap(data); err != nil {
			return fmt.Errorf("unmap %s: %w", path, err)
		}
		return nil
	}, nil
}

package fileio

import "syscall"

// nameMax is the longest file name, in bytes, that the file system
// holding dir takes (statfs's f_namelen: 255 on ext4, 143 on eCryptfs).
func nameMax(dir string) int {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil || st.Namelen <= 0 || st.Namelen > 4096 {
		return defaultNameMax
	}
	return int(st.Namelen)
}

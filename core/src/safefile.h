/*
 * Files the core creates beside a run's outputs (safefile.c): temporary
 * files, the checkpoint, lock files.  They are never opened through a
 * symbolic link planted under their name, and a rename is made durable by
 * syncing the folder that holds it.
 */
#ifndef DP_SAFEFILE_H
#define DP_SAFEFILE_H

#include <stdint.h>
#include <sys/types.h>

/*
 * Create path anew for reading and writing: whatever has that name (a stale
 * file, a symbolic link) is unlinked first — a link is removed, never
 * followed — and the file is created with O_EXCL|O_NOFOLLOW.  A file
 * descriptor, or -1 with errno set (EEXIST when something that cannot be
 * unlinked, a folder, holds the name).
 */
int dp_safe_create(const char *path);

/* Open an existing regular file for reading (writable: and writing) without following a link: -1 with errno
 * (ELOOP for a link, EINVAL for anything but a regular file). */
int dp_safe_open(const char *path, int writable);

/* fsync the folder that holds path, so that a rename or unlink in it survives a crash.  0, or -1 with errno. */
int dp_sync_dir_of(const char *path);

/* rename(from, to), then sync their folder.  0, or -1 with errno. */
int dp_rename_durable(const char *from, const char *to);

/* Write all of len bytes at the file's position; 0, or -1 with errno. */
int dp_write_all(int fd, const void *data, size_t len);

/* 64-bit FNV-1a, continued from h over len bytes (start with DP_HASH_INIT). */
#define DP_HASH_INIT 1469598103934665603ULL
uint64_t dp_hash_bytes(uint64_t h, const void *data, size_t len);

/* Continue h over bytes [from, to) of the open file fd (read with pread); 0, or -1 with errno (EIO: the file is
 * shorter than `to`). */
int dp_hash_file_range(int fd, off_t from, off_t to, uint64_t *h);

#endif

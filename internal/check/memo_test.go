package check

import "testing"

// releaseCounter counts its Release calls.
type releaseCounter struct{ n *int }

func (r releaseCounter) Release() { *r.n++ }

func TestMemoRelease(t *testing.T) {
	memo := NewMemo()
	pass := &Pass{Memo: memo}
	released := 0
	computed := 0
	get := func(key string) any {
		return pass.Shared(key, func() any { computed++; return releaseCounter{&released} })
	}
	get("a")
	get("a")
	pass.Shared("plain", func() any { return 1 })
	if computed != 1 {
		t.Fatalf("computed %d times before Release, want 1", computed)
	}
	memo.Release()
	if released != 1 {
		t.Fatalf("Release called %d times, want 1 (only the Releaser)", released)
	}
	// The memo serves the next document: nothing of the last one is left.
	get("a")
	if computed != 2 {
		t.Fatalf("after Release the value was not computed again (computed %d times)", computed)
	}
	memo.Release()
	if released != 2 {
		t.Fatalf("second Release: %d calls, want 2", released)
	}
}

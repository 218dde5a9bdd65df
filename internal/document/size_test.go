package document

import (
	"testing"
	"unsafe"
)

// TestSpanSizes guards the compact layout of the two types a document holds
// millions of: a Token takes 12 bytes and a Sentence 8.
func TestSpanSizes(t *testing.T) {
	if got := unsafe.Sizeof(Token{}); got != 12 {
		t.Errorf("Token takes %d bytes, want 12", got)
	}
	if got := unsafe.Sizeof(Sentence{}); got != 8 {
		t.Errorf("Sentence takes %d bytes, want 8", got)
	}
}

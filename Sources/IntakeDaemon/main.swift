import Foundation

// libgomp (loaded with Tesseract) reads OMP_THREAD_LIMIT once, when the process starts:
// setting it later has no effect, so re-execute with it set. Tesseract is 4–5× slower
// on this kind of machine when OpenMP spreads one page over all cores.
OpenMPThreadLimit.ensure()
await IntakeCommand.main()

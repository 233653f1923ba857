"""Document analysis as managers plan and pay by: word counts, repetitions, match bands."""

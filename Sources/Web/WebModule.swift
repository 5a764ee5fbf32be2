// The HTTP side of intake: JSON API and review UI (Hummingbird 2). Built in issue 5.

// Vietnamese administrative-document fields from OCR layout. Built in issue 3.

// Export: CSV responses and PDF documents.
export * from './csv-response.builder';
export * from './pdf-document.builder';

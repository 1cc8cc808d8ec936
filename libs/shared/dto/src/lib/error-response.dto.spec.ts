import { ErrorResponseDto } from './error-response.dto';

describe('ErrorResponseDto', () => {
  it('documents every field of the contract error shape', () => {
    const props: string[] = Reflect.getMetadata('swagger/apiModelPropertiesArray', ErrorResponseDto.prototype);
    expect(props.map((p) => p.replace(/^:/, ''))).toEqual(['statusCode', 'error', 'message', 'details']);
  });
});

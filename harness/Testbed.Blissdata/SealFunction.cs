namespace Testbed.Blissdata;

/// <summary>The server-side function <c>seal_stream</c> of library <c>mylib</c> (§2.2), same name and semantics as Python blissdata's.</summary>
public static class SealFunction
{
    public const string Library = "mylib";
    public const string Name = "seal_stream";

    // Atomic on the server: read the last entry, refuse a second seal, append the seal with the final length.
    public const string Source = """
        #!lua name=mylib
        redis.register_function('seal_stream', function(keys, args)
          local key = keys[1]
          local last = redis.call('XREVRANGE', key, '+', '-', 'COUNT', 1)
          local base = -1
          local fields = {}
          if #last > 0 then
            local id = last[1][1]
            if id == '18446744073709551615-18446744073709551615' then
              return redis.error_reply(key .. ' is already sealed.')
            end
            base = tonumber(string.sub(id, 1, string.find(id, '-', 1, true) - 1))
            fields = last[1][2]
          end
          local len = 1
          for i = 1, #fields, 2 do
            if fields[i] == 'len' then len = tonumber(fields[i + 1]) end
          end
          local sealing_id = base + len
          redis.call('XADD', key, '18446744073709551615-18446744073709551615', 'id', string.format('%d', sealing_id))
          return sealing_id
        end)
        """;
}
